using Microsoft.EntityFrameworkCore;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Seeding;

namespace Samverka.Web.Infrastructure.Web;

/// <summary>Brings the database up to date at start (unless an operator migrates separately) and seeds demo data in Development.</summary>
public sealed class DatabaseStartup(SamverkaDbContext db, CurrentUserAccessor users, IServiceProvider services, IWebHostEnvironment env, IConfiguration config)
{
    public static async Task RunAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().RunAsync(app.Lifetime.ApplicationStopping);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        users.ActAs(CurrentUser.System);
        if (config.GetValue("Database:MigrateOnStartup", true))
        {
            await MigrateAsync(ct);
        }

        if (env.IsDevelopment() && config.GetValue("Demo:SeedData", false))
        {
            await services.GetRequiredService<DemoData>().SeedAsync(ct);
        }
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging: readers do not block the writer. The setting is stored in the file.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(ct);

        // Organisations registered before the search column existed get theirs (once; nothing is deployed with it empty).
        var unsearchable = await db.Organisations.IgnoreQueryFilters().Where(o => o.SearchText == "").OrderBy(o => o.Id).Take(10_000).ToListAsync(ct);
        foreach (var o in unsearchable)
        {
            o.RefreshSearchText(); // not Update: rules added since must not stop the app on old data
        }

        if (unsearchable.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        // Partnerships whose obligations (what is due, for the start pages) were built by older rules, or never.
        await ObligationRefresh.RebuildOutdatedAsync(db, ct);

        // Cases whose commitments (the money per year the frames and lists read) were built by older rules, or never.
        await CommitmentRefresh.RebuildOutdatedAsync(db, ct);
    }
}
