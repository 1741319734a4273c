// Kept apart from the index: the web app has no Kafka client and must not bundle one.
export * from "./kafka-lag";
export * from "./dead-letters";
