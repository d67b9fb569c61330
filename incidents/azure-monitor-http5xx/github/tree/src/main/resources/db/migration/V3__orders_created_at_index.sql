-- Order history pages sort by creation time within a customer.
CREATE INDEX idx_orders_customer_created ON orders (customer_id, created_at DESC);
CREATE INDEX idx_orders_created_at ON orders (created_at);
