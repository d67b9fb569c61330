from pydantic import BaseModel, Field


class LineItem(BaseModel):
    sku: str
    quantity: int = Field(ge=1, le=99)
    unit_price_minor: int
    gift_wrap: bool = False


class Cart(BaseModel):
    id: str
    currency: str = "GBP"
    items: list[LineItem] = []

    @classmethod
    def empty(cls, cart_id: str) -> "Cart":
        return cls(id=cart_id)

    def add(self, item: LineItem) -> None:
        for existing in self.items:
            if existing.sku == item.sku:
                existing.quantity = min(99, existing.quantity + item.quantity)
                return
        self.items.append(item)
