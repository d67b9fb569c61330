using Azure.Messaging.ServiceBus;
using InvoiceSync.Erp;
using InvoiceSync.Invoices;

namespace InvoiceSync.Worker;

public sealed class InvoiceQueueWorker(ServiceBusClient bus, ErpClient erp, InvoiceMapper mapper,
    IConfiguration config, ILogger<InvoiceQueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var processor = bus.CreateProcessor(config["ServiceBus:Queue"], new ServiceBusProcessorOptions
        {
            MaxConcurrentCalls = config.GetValue("ServiceBus:MaxConcurrentCalls", 4),
            AutoCompleteMessages = false,
        });
        processor.ProcessMessageAsync += HandleAsync;
        processor.ProcessErrorAsync += e =>
        {
            logger.LogError(e.Exception, "Service Bus processor error ({Source})", e.ErrorSource);
            return Task.CompletedTask;
        };
        await processor.StartProcessingAsync(stoppingToken);
        await Task.Delay(Timeout.Infinite, stoppingToken);
    }

    private async Task HandleAsync(ProcessMessageEventArgs args)
    {
        var approved = args.Message.Body.ToObjectFromJson<ApprovedInvoice>()!;
        try
        {
            await erp.PushInvoiceAsync(mapper.Map(approved), args.CancellationToken);
            await args.CompleteMessageAsync(args.Message);
            logger.LogInformation("Invoice {InvoiceNumber} ({Supplier}, {Lines} lines) pushed to ERP",
                approved.InvoiceNumber, approved.SupplierAccount, approved.Lines.Count);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Invoice {InvoiceNumber} not pushed, abandoning (delivery {DeliveryCount}): {Error}",
                approved.InvoiceNumber, args.Message.DeliveryCount, ex.Message);
            await args.AbandonMessageAsync(args.Message);
        }
    }
}
