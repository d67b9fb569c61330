package com.marlowe.fulfillment.router;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

@Component
public class PickingLaneResolver {

    public List<PickingTask> split(OrderPlaced order) {
        Map<Lane, List<OrderLine>> byLane = new EnumMap<>(Lane.class);
        for (OrderLine line : order.lines()) {
            Lane lane = switch (line.temperature()) {
                case AMBIENT -> Lane.AMBIENT;
                case CHILLED -> Lane.CHILLED;
                case FROZEN -> Lane.FROZEN;
            };
            byLane.computeIfAbsent(lane, l -> new ArrayList<>()).add(line);
        }
        List<PickingTask> tasks = new ArrayList<>();
        byLane.forEach((lane, lines) -> tasks.add(new PickingTask(order.orderId(), order.storeId(), lane, lines)));
        return tasks;
    }
}
