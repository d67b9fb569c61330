using Microsoft.EntityFrameworkCore;

namespace Fabrikam.Recommendations.Api.Data;

public sealed class ShopDbContext : DbContext
{
    public ShopDbContext(DbContextOptions<ShopDbContext> options) : base(options)
    {
    }

    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<CustomerAffinityScore> AffinityScores => Set<CustomerAffinityScore>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Order>(e =>
        {
            e.ToTable("Orders", "Sales");
            e.HasIndex(o => new { o.CustomerId, o.PlacedAt });
            e.Property(o => o.Total).HasPrecision(12, 2);
            e.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
        });

        model.Entity<OrderLine>(e =>
        {
            e.ToTable("OrderLines", "Sales");
            e.Property(l => l.UnitPrice).HasPrecision(12, 2);
        });

        model.Entity<Product>().ToTable("Products", "Catalog");
        model.Entity<Category>().ToTable("Categories", "Catalog");

        model.Entity<CustomerAffinityScore>(e =>
        {
            e.ToTable("CustomerAffinityScores", "Reco");
            e.HasKey(s => new { s.CustomerId, s.CategoryId });
        });
    }
}
