using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

public abstract class ModelTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    [Fact]
    public async Task The_migrations_match_the_model()
    {
        Assert.False(await App.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "The model has changes without a migration: add one for each provider (see docs/operations.md).");
        Assert.Empty(await App.WithDbAsync(db => db.Database.GetPendingMigrationsAsync(Ct)));
    }

    [Fact]
    public async Task Every_scoped_or_audited_entity_has_a_scope_filter_and_every_editable_one_a_concurrency_token()
    {
        var problems = await App.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(t => typeof(IMunicipalityOwned).IsAssignableFrom(t.ClrType) || (typeof(IAudited).IsAssignableFrom(t.ClrType) && t.ClrType.Namespace!.StartsWith("Samverka.Domain", StringComparison.Ordinal)))
            .SelectMany(t => new[]
            {
                t.GetDeclaredQueryFilters().Count == 0 ? $"{t.ClrType.Name} has no query filter" : null,
                typeof(IVersioned).IsAssignableFrom(t.ClrType) && t.FindProperty(nameof(IVersioned.Version))?.IsConcurrencyToken != true
                    ? $"{t.ClrType.Name}.Version is not a concurrency token" : null,
            })
            .OfType<string>().ToList()));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_migrate_command_is_safe_to_run_on_an_up_to_date_database()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var output = new StringWriter();
        var exit = await scope.ServiceProvider.GetRequiredService<Samverka.Web.Infrastructure.Cli.CommandLine>()
            .RunAsync(["migrate"], new StringReader(""), output, Ct);
        Assert.Equal(0, exit);
        Assert.Contains("Database migrated.", output.ToString());
        Assert.Equal(3, await App.WithDbAsync(db => db.Municipalities.CountAsync(Ct)));
    }

    [Fact]
    public async Task Demo_data_is_seeded_once_however_often_the_app_starts()
    {
        var before = await App.WithDbAsync(db => Task.FromResult((db.Municipalities.Count(), db.Committees.Count(), db.Organisations.Count(), db.Users.Count())));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Samverka.Web.Infrastructure.Auth.CurrentUserAccessor>().ActAs(Samverka.Web.Infrastructure.Auth.CurrentUser.System);
            await scope.ServiceProvider.GetRequiredService<Samverka.Web.Infrastructure.Seeding.DemoData>().SeedAsync(Ct);
        }

        var after = await App.WithDbAsync(db => Task.FromResult((db.Municipalities.Count(), db.Committees.Count(), db.Organisations.Count(), db.Users.Count())));
        Assert.Equal(before, after);
        Assert.Equal((3, 10, 8, 10), after);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteModelTests(SqliteApp app) : ModelTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresModelTests(PostgresApp app) : ModelTests<PostgresApp>(app);
