using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Quayside.ShipmentEvents.Model;
using Quayside.ShipmentEvents.Services;

namespace Quayside.ShipmentEvents.Functions;

public sealed class ProcessShipmentEvent
{
    private readonly IShipmentStore _store;
    private readonly ITrackingPublisher _publisher;
    private readonly ILogger<ProcessShipmentEvent> _log;

    public ProcessShipmentEvent(IShipmentStore store, ITrackingPublisher publisher, ILogger<ProcessShipmentEvent> log)
    {
        _store = store;
        _publisher = publisher;
        _log = log;
    }

    [Function(nameof(ProcessShipmentEvent))]
    public async Task Run(
        [ServiceBusTrigger("shipment-events", Connection = "ServiceBusConnection")] ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        CancellationToken ct)
    {
        var evt = message.Body.ToObjectFromJson<ShipmentEvent>()!;
        var update = await _store.ApplyAsync(evt, ct);

        await _publisher.PublishAsync(update, message.MessageId, ct);
        await actions.CompleteMessageAsync(message, ct);
        _log.LogInformation("Applied {EventType} to {ShipmentId}", evt.Type, evt.ShipmentId);
    }
}
