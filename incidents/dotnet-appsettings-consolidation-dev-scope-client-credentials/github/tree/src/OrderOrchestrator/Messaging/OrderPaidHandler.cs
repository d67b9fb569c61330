using Azure.Messaging.ServiceBus;
using OrderOrchestrator.Clients;

namespace OrderOrchestrator.Messaging;

public sealed class OrderPaidHandler
{
    private readonly FulfilmentClient _fulfilment;
    private readonly ILogger<OrderPaidHandler> _logger;

    public OrderPaidHandler(FulfilmentClient fulfilment, ILogger<OrderPaidHandler> logger)
    {
        _fulfilment = fulfilment;
        _logger = logger;
    }

    public async Task HandleAsync(ProcessMessageEventArgs args)
    {
        var evt = args.Message.Body.ToObjectFromJson<OrderPaid>();
        using var _ = _logger.BeginScope(new Dictionary<string, object> { ["DeliveryCount"] = args.Message.DeliveryCount });
        var created = await _fulfilment.CreateShipmentAsync(ShipmentRequest.From(evt), args.CancellationToken);
        _logger.LogInformation("Shipment {ShipmentId} created for order {OrderId}", created.ShipmentId, evt.OrderId);
        await args.CompleteMessageAsync(args.Message);
    }
}
