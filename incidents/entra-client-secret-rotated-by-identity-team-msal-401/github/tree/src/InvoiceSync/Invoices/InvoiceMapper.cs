namespace InvoiceSync.Invoices;

public sealed class InvoiceMapper
{
    private static readonly Dictionary<string, string> TaxGroups = new()
    {
        ["S"] = "VAT-STD",
        ["R"] = "VAT-RED",
        ["Z"] = "VAT-ZERO",
        ["E"] = "VAT-EXEMPT",
        // Z3: zero-rated supply under domestic reverse charge (construction services)
        ["Z3"] = "VAT-RC",
    };

    public VendorInvoice Map(ApprovedInvoice source) => new(
        source.InvoiceNumber,
        source.SupplierAccount,
        source.InvoiceDate,
        source.Currency,
        source.Lines.Select(l => new VendorInvoiceLine(l.Sku, l.Quantity, l.UnitPrice, TaxGroup(l.TaxCode))).ToList());

    private static string TaxGroup(string code) =>
        TaxGroups.TryGetValue(code, out var group) ? group : throw new UnknownTaxCodeException(code);
}
