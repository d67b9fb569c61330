import { Kafka, logLevel } from "kafkajs";
import pino from "pino";

import { Topics } from "@fernhill/events";

import { handleOrderPlaced } from "./consumers/orderPlacedConsumer";
import { CourierPool } from "./couriers";

const log = pino({ name: "dispatch-worker", level: process.env.LOG_LEVEL ?? "info" });
const kafka = new Kafka({
  clientId: "dispatch-worker",
  brokers: (process.env.KAFKA_BROKERS ?? "localhost:9092").split(","),
  logLevel: logLevel.WARN,
});

async function main(): Promise<void> {
  const consumer = kafka.consumer({ groupId: "dispatch-worker" });
  const producer = kafka.producer();
  const couriers = new CourierPool(process.env.COURIER_API_URL ?? "http://courier-api:8080", log);
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic: Topics.orderPlaced });
  log.info({ version: process.env.APP_VERSION, topic: Topics.orderPlaced }, "dispatch-worker started");

  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      try {
        await handleOrderPlaced(message.value ?? Buffer.alloc(0), { log, couriers });
      } catch (err) {
        log.error({ err, topic, partition, offset: message.offset }, "OrderPlaced handler failed");
        await producer.send({
          topic: Topics.dispatchDeadLetter,
          messages: [{ key: message.key, value: message.value, headers: { "x-error": String(err) } }],
        });
        log.warn({ topic: Topics.dispatchDeadLetter, offset: message.offset }, "message sent to DLQ");
      }
    },
  });
}

main().catch((err) => {
  log.fatal({ err }, "dispatch-worker crashed");
  process.exit(1);
});
