using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Tests.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// One application host per database provider for the whole test run, on a real database,
/// migrated and seeded with the Development demo data once. Each test starts from that seeded
/// state: <see cref="ResetAsync"/> restores a snapshot (SQLite: a file copy; PostgreSQL: a
/// database created from a template), which takes milliseconds instead of a new process.
/// </summary>
public abstract class SamverkaApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("samverka-test-").FullName;
    private string _connectionString = "";
    private string? _baselineFile;

    protected SamverkaApp(DatabaseProvider provider) => Provider = provider;

    public DatabaseProvider Provider { get; }
    public TestClock Clock { get; } = new();

    /// <summary>Where the app's e-mail goes: a real SMTP server in the test process.</summary>
    public TestSmtp Smtp { get; } = new();

    /// <summary>Extra settings for a host with a special configuration (e.g. Production, low rate limits).</summary>
    protected virtual string Environment => "Development";

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async ValueTask InitializeAsync()
    {
        _connectionString = Provider switch
        {
            DatabaseProvider.Sqlite => $"Data Source={Path.Combine(_folder, "samverka.db")}",
            _ => await CreatePostgresDatabaseAsync(),
        };
        _ = Server; // starts the host: migrations and demo data run here
        // The first page with a form creates the data-protection key; it belongs in the snapshot.
        using (var client = CreateClient())
        {
            await client.GetAsync("/logga-in");
        }

        await SnapshotAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Provider", Provider == DatabaseProvider.Sqlite ? "Sqlite" : "PostgreSQL");
        builder.UseSetting("ConnectionStrings:Samverka", _connectionString);
        builder.UseSetting("Demo:SeedData", "true");
        builder.UseSetting("Samverka:Jobs:Enabled", "false"); // the tests run the reminders, the outbox and the retention themselves, on their own clock
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:Tls", "None");
        builder.UseSetting("Email:PickupDirectory", "");
        builder.UseSetting("Samverka:BaseUrl", "http://samverka.test");
        builder.UseSetting("RateLimiting:SignInPerMinute", "100000");
        builder.UseSetting("RateLimiting:ApiPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Back to the seeded state, and real time.</summary>
    public async Task ResetAsync()
    {
        Clock.Reset();
        Smtp.Clear();
        Services.GetRequiredService<Samverka.Web.Infrastructure.Auth.ValidatedTokens>().ForgetAll(); // the data it vouched for is replaced
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var file = Path.Combine(_folder, "samverka.db");
            File.Delete(file + "-wal");
            File.Delete(file + "-shm");
            File.Copy(_baselineFile!, file, overwrite: true);
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(_connectionString).Database!;
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\" TEMPLATE \"{name}_baseline\"");
    }

    /// <summary>A scope acting as the system (sees everything), for arranging and checking data directly.</summary>
    public async Task<T> WithDbAsync<T>(Func<SamverkaDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().ActAs(CurrentUser.System);
        return await work(scope.ServiceProvider.GetRequiredService<SamverkaDbContext>());
    }

    public Task WithDbAsync(Func<SamverkaDbContext, Task> work) => WithDbAsync(async db => { await work(db); return 0; });

    private async Task SnapshotAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            _baselineFile = Path.Combine(_folder, "baseline.db");
            var vacuum = "VACUUM INTO '" + _baselineFile.Replace("'", "''", StringComparison.Ordinal) + "'";
            await WithDbAsync(db => db.Database.ExecuteSqlRawAsync(vacuum));
            SqliteConnection.ClearAllPools();
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(_connectionString).Database!;
        await AdminAsync($"CREATE DATABASE \"{name}_baseline\" TEMPLATE \"{name}\"");
    }

    private static string PostgresServer =>
        System.Environment.GetEnvironmentVariable("SAMVERKA_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "SAMVERKA_TEST_POSTGRES is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL 15 cluster and sets it.");

    private async Task<string> CreatePostgresDatabaseAsync()
    {
        var name = "samverka_" + GetType().Name.ToLowerInvariant();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"DROP DATABASE IF EXISTS \"{name}_baseline\" WITH (FORCE)");
        await AdminAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, IncludeErrorDetail = true }.ConnectionString;
    }

    private static async Task AdminAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : SamverkaApp(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : SamverkaApp(DatabaseProvider.PostgreSql);

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "PostgreSQL";
}
