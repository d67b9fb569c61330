using Fulfillment.Api.Data;
using Npgsql;
using Xunit;

namespace Fulfillment.Api.Tests;

// Runs against the compose database (FULFIL_TEST_DB); skipped when it is not set.
public sealed class PickListRepositoryTests
{
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable("FULFIL_TEST_DB");

    [SkippableFact]
    public async Task RecordScan_adds_quantity_to_the_pick_list()
    {
        Skip.If(ConnectionString is null, "FULFIL_TEST_DB not set");
        await using var db = NpgsqlDataSource.Create(ConnectionString!);
        var repo = new PickListRepository(db);
        var id = await Seed.OpenPickListAsync(db, totalQty: 5);

        var first = await repo.RecordScanAsync(id, new ScanRequest(1, "SKU-1", 2, "picker-7"), CancellationToken.None);
        var second = await repo.RecordScanAsync(id, new ScanRequest(1, "SKU-1", 1, "picker-7"), CancellationToken.None);

        Assert.Equal(2, first.PickedQty);
        Assert.Equal(3, second.PickedQty);
    }

    [SkippableFact]
    public async Task Complete_is_refused_twice()
    {
        Skip.If(ConnectionString is null, "FULFIL_TEST_DB not set");
        await using var db = NpgsqlDataSource.Create(ConnectionString!);
        var repo = new PickListRepository(db);
        var id = await Seed.OpenPickListAsync(db, totalQty: 1);

        Assert.True(await repo.CompleteAsync(id, CancellationToken.None));
        Assert.False(await repo.CompleteAsync(id, CancellationToken.None));
    }
}
