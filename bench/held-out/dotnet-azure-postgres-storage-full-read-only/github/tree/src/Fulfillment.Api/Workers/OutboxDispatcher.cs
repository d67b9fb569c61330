using Azure.Messaging.ServiceBus;
using Fulfillment.Api.Data;

namespace Fulfillment.Api.Workers;

// Publishes fulfilment events (picked, labelled, shipped) to Service Bus for order-service.
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly OutboxRepository _outbox;
    private readonly ServiceBusSender _sender;
    private readonly ILogger<OutboxDispatcher> _log;
    private readonly TimeSpan _interval;
    private readonly int _batchSize;

    public OutboxDispatcher(OutboxRepository outbox, ServiceBusClient bus, IConfiguration cfg, ILogger<OutboxDispatcher> log)
    {
        _outbox = outbox;
        _sender = bus.CreateSender(cfg["Outbox:Topic"]);
        _log = log;
        _interval = TimeSpan.FromSeconds(cfg.GetValue("Outbox:PollIntervalSeconds", 5));
        _batchSize = cfg.GetValue("Outbox:BatchSize", 50);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = _interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await _outbox.ClaimBatchAsync(_batchSize, stoppingToken);
                if (batch.Count > 0)
                {
                    foreach (var msg in batch)
                    {
                        await _sender.SendMessageAsync(new ServiceBusMessage(msg.Payload) { Subject = msg.Type, MessageId = msg.Id.ToString() }, stoppingToken);
                    }
                    await _outbox.MarkDispatchedAsync(batch.Select(m => m.Id), stoppingToken);
                    _log.LogDebug("Outbox dispatched {Count} messages", batch.Count);
                }
                delay = _interval;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // back off up to two minutes while the database or Service Bus is unhappy
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 120));
                _log.LogError(ex, "Outbox dispatch failed, retrying in {Delay}", delay);
            }

            await Task.Delay(delay, stoppingToken);
        }
    }
}
