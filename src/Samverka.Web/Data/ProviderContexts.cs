using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Data;

/// <summary>SQLite, the embedded default. Migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteSamverkaDbContext(
    DbContextOptions<SqliteSamverkaDbContext> options, CurrentUserAccessor? users = null, TimeProvider? clock = null, IHttpContextAccessor? http = null)
    : SamverkaDbContext(options, users, clock, http)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; all instants are UTC, so
        // their binary form sorts in time order.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL, for production. Migrations in Data/Migrations/PostgreSql.</summary>
public sealed class PostgresSamverkaDbContext(
    DbContextOptions<PostgresSamverkaDbContext> options, CurrentUserAccessor? users = null, TimeProvider? clock = null, IHttpContextAccessor? http = null)
    : SamverkaDbContext(options, users, clock, http);

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSamverkaDbContext>
{
    public SqliteSamverkaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSamverkaDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSamverkaDbContext>
{
    public PostgresSamverkaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSamverkaDbContext>().UseNpgsql("Host=localhost;Database=samverka_design").Options);
}
