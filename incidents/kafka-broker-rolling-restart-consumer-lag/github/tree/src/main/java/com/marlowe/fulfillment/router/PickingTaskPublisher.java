package com.marlowe.fulfillment.router;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

@Component
public class PickingTaskPublisher {

    private final KafkaTemplate<String, String> template;
    private final ObjectMapper mapper;
    private final String topic;
    private final Duration timeout;

    public PickingTaskPublisher(KafkaTemplate<String, String> template, ObjectMapper mapper,
                                @Value("${fulfillment.topics.picking-tasks}") String topic,
                                @Value("${fulfillment.publish-timeout}") Duration timeout) {
        this.template = template;
        this.mapper = mapper;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Waits for the broker ack so the order offset is only committed once the task is durable. */
    public void publish(PickingTask task) throws Exception {
        String key = task.storeId() + ":" + task.lane();
        template.send(topic, key, mapper.writeValueAsString(task))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
