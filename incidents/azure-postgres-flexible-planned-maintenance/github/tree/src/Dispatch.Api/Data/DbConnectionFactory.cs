using Npgsql;

namespace Tallyfreight.Dispatch.Api.Data;

public interface IDbConnectionFactory
{
    Task<NpgsqlConnection> OpenAsync(CancellationToken ct);
}

/// <summary>
/// One NpgsqlDataSource per process. The password is an Entra ID access token for the
/// workload identity, refreshed every 50 minutes (tokens live 60-90 minutes).
/// Pool size and timeouts come from the connection string (appsettings.json).
/// </summary>
public sealed class DbConnectionFactory : IDbConnectionFactory, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<DbConnectionFactory> _logger;
    private readonly string _target;

    public DbConnectionFactory(IConfiguration configuration, ILogger<DbConnectionFactory> logger)
    {
        _logger = logger;
        var connectionString = configuration.GetConnectionString("Dispatch")
            ?? throw new InvalidOperationException("ConnectionStrings:Dispatch is not set");
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        _target = $"{csb.Host}/{csb.Database}";
        _dataSource = BuildDataSource(connectionString);
    }

    internal static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UsePeriodicPasswordProvider(
            (_, ct) => EntraTokenProvider.GetPostgresTokenAsync(ct),
            TimeSpan.FromMinutes(50),
            TimeSpan.FromSeconds(10));
        return builder.Build();
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(ct);
        }
        catch (NpgsqlException ex)
        {
            _logger.LogError(ex, "Failed to open PostgreSQL connection to {DbTarget}", _target);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
