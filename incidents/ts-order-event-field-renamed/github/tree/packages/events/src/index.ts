export * from "./orderPlaced";
export * from "./topics";
