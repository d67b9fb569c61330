using Basket.Api.Data;
using Basket.Api.Pricing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Basket.Api.Controllers;

[ApiController]
[Authorize]
[Route("api/baskets")]
public sealed class BasketsController : ControllerBase
{
    private readonly IBasketRepository _baskets;
    private readonly IBasketPricingService _pricing;

    public BasketsController(IBasketRepository baskets, IBasketPricingService pricing)
    {
        _baskets = baskets;
        _pricing = pricing;
    }

    [HttpGet("{id:guid}")]
    public async Task<ActionResult<PricedBasketDto>> Get(Guid id, CancellationToken ct)
    {
        var basket = await _baskets.FindAsync(id, ct);
        if (basket is null)
        {
            return NotFound();
        }

        var priced = await _pricing.PriceAsync(basket, ct);
        return PricedBasketDto.From(priced);
    }

    [HttpPost("{id:guid}/lines")]
    public async Task<ActionResult<PricedBasketDto>> AddLine(Guid id, AddLineRequest request, CancellationToken ct)
    {
        var basket = await _baskets.FindAsync(id, ct);
        if (basket is null)
        {
            return NotFound();
        }

        basket.AddOrIncrement(request.Sku, request.Quantity, request.UnitPriceMinor, request.Category);
        await _baskets.SaveAsync(basket, ct);

        var priced = await _pricing.PriceAsync(basket, ct);
        return PricedBasketDto.From(priced);
    }

    [HttpDelete("{id:guid}/lines/{sku}")]
    public async Task<ActionResult<PricedBasketDto>> RemoveLine(Guid id, string sku, CancellationToken ct)
    {
        var basket = await _baskets.FindAsync(id, ct);
        if (basket is null)
        {
            return NotFound();
        }

        basket.Remove(sku);
        await _baskets.SaveAsync(basket, ct);

        var priced = await _pricing.PriceAsync(basket, ct);
        return PricedBasketDto.From(priced);
    }
}
