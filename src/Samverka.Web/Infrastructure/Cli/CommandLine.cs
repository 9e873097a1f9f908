using Microsoft.AspNetCore.Identity;
using Samverka.Domain.Common;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Infrastructure.Cli;

/// <summary>
/// Operator commands: <c>migrate</c>, <c>create-admin --email E [--name N]</c> (password on
/// standard input), <c>create-token --email E --name N [--days D]</c>, and
/// <c>retention</c> (delete day notes past each municipality's retention period now), <c>reminders [--today yyyy-mm-dd]</c> (the daily reminder pass once, then the outbox), <c>send-mail</c> (the outbox once), <c>backup --to FILE</c> (a consistent copy of the SQLite database while the app runs), <c>bench-seed --scale S [--partnerships-per-municipality N]</c> (bench data), <c>bench-audit --partnership ID [--times N]</c> (audit bytes per added activity), and <c>bench-render --agreement ID</c> (document render times). Run as <c>dotnet run --project src/Samverka.Web -- COMMAND</c>.
/// </summary>
public sealed class CommandLine(
    DatabaseStartup database, UserManager<ApplicationUser> users, PersonalAccessTokenService tokens,
    CurrentUserAccessor actor, TimeProvider clock, IServiceProvider services, IConfiguration config)
{
    private static readonly string[] Commands = ["migrate", "create-admin", "create-token", "bench-seed", "bench-render", "bench-audit", "retention", "backup", "reminders", "send-mail"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var cli = scope.ServiceProvider.GetRequiredService<CommandLine>();
        try
        {
            return await cli.RunAsync(args, Console.In, Console.Out, CancellationToken.None);
        }
        catch (DomainException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
    }

    public async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, CancellationToken ct)
    {
        actor.ActAs(CurrentUser.System);
        var options = ParseOptions(args.Skip(1).ToArray());
        switch (args[0])
        {
            case "migrate":
                await database.MigrateAsync(ct);
                await output.WriteLineAsync("Database migrated.");
                return 0;
            case "create-admin":
                if (config.GetValue("Database:MigrateOnStartup", true))
                {
                    await database.MigrateAsync(ct);
                }

                return await CreateAdminAsync(Required(options, "email"), options.GetValueOrDefault("name"), input, output);
            case "create-token":
                return await CreateTokenAsync(Required(options, "email"), Required(options, "name"),
                    int.TryParse(options.GetValueOrDefault("days", "90"), out var days) ? days : -1, output, ct);
            case "bench-seed":
                var scale = double.Parse(options.GetValueOrDefault("scale", "0.01"), System.Globalization.CultureInfo.InvariantCulture);
                await database.MigrateAsync(ct);
                await services.GetRequiredService<Seeding.BenchData>().SeedAsync(scale, output, ct,
                    int.Parse(options.GetValueOrDefault("partnerships-per-municipality", Seeding.BenchData.DefaultPartnershipsPerMunicipality.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case "bench-audit":
                await database.MigrateAsync(ct);
                await services.GetRequiredService<Seeding.BenchData>().AuditAsync(Guid.Parse(Required(options, "partnership")),
                    int.Parse(options.GetValueOrDefault("times", "100"), System.Globalization.CultureInfo.InvariantCulture), output, ct);
                return 0;
            case "bench-render":
                await services.GetRequiredService<Seeding.BenchData>().RenderAsync(Guid.Parse(Required(options, "agreement")),
                    int.Parse(options.GetValueOrDefault("times", "20"), System.Globalization.CultureInfo.InvariantCulture), output, ct);
                return 0;
            case "retention":
                foreach (var r in await services.GetRequiredService<Features.Partnerships.RetentionService>().RunAsync(ct))
                {
                    await output.WriteLineAsync($"{r.Municipality}: {r.Deleted} daganteckningar om dagar före {Domain.Formatting.Swedish.Date(r.NotesBefore)} raderade ({r.RetentionMonths} månader).");
                }

                return 0;
            case "reminders":
                if (config.GetValue("Database:MigrateOnStartup", true))
                {
                    await database.MigrateAsync(ct);
                }

                DateOnly? day = options.TryGetValue("today", out var given)
                    ? DateOnly.TryParseExact(given, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d
                        : throw new DomainException("--today ska vara ett datum som 2026-12-01.")
                    : null;
                var timer = System.Diagnostics.Stopwatch.StartNew();
                var pass = await services.GetRequiredService<Features.Notifications.ReminderPass>().RunAsync(day, ct);
                await output.WriteLineAsync($"{Domain.Formatting.Swedish.Date(pass.Day)}: {pass.Deadlines} öppna tidsgränser, {pass.Notified} nya påminnelser, {pass.Mails} e-brev, {pass.Digests} sammanfattningar, {pass.Resolved} klara sedan förra gången ({timer.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} s).");
                return await SendMailAsync(output, ct);
            case "send-mail":
                return await SendMailAsync(output, ct);
            case "backup":
                return await BackupAsync(Required(options, "to"), output, ct);
            default:
                await output.WriteLineAsync($"Unknown command {args[0]}.");
                return 2;
        }
    }

    private async Task<int> SendMailAsync(TextWriter output, CancellationToken ct)
    {
        var sent = await services.GetRequiredService<Features.Notifications.MailSender>().SendPendingAsync(ct, max: int.MaxValue);
        await output.WriteLineAsync($"E-post: {sent.Sent} skickade, {sent.Dropped} inte längre aktuella, {sent.Failed} misslyckade (försöks igen).");
        return sent.Failed > 0 ? 1 : 0;
    }

    /// <summary>
    /// A consistent online backup of the SQLite database: <c>VACUUM INTO</c> copies it in one read
    /// transaction while the app keeps serving, and the copy is checked with <c>PRAGMA integrity_check</c>.
    /// PostgreSQL is backed up with <c>pg_dump</c> (docs/operations.md, Backups).
    /// </summary>
    private async Task<int> BackupAsync(string target, TextWriter output, CancellationToken ct)
    {
        var db = services.GetRequiredService<Data.SamverkaDbContext>();
        if (!Microsoft.EntityFrameworkCore.SqliteDatabaseFacadeExtensions.IsSqlite(db.Database))
        {
            await output.WriteLineAsync("The database is PostgreSQL: back it up with pg_dump (docs/operations.md, Backups).");
            return 2;
        }

        var path = Path.GetFullPath(target);
        if (File.Exists(path))
        {
            throw new DomainException($"{path} finns redan. Välj ett nytt filnamn, så skrivs ingen tidigare säkerhetskopia över.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "VACUUM INTO {0}", [path], ct);
        await using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync(ct);
        await using var check = copy.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var result = (string?)await check.ExecuteScalarAsync(ct);
        if (result != "ok")
        {
            await output.WriteLineAsync($"The copy at {path} failed its integrity check: {result}");
            return 1;
        }

        await output.WriteLineAsync($"Backup written to {path} ({new FileInfo(path).Length} bytes); integrity check ok.");
        return 0;
    }

    private async Task<int> CreateAdminAsync(string email, string? name, TextReader input, TextWriter output)
    {
        var password = (await input.ReadLineAsync())?.TrimEnd('\r', '\n');
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync("Give the password on standard input, e.g. `read -s P; echo \"$P\" | dotnet run ... -- create-admin --email E`.");
            return 2;
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            await output.WriteLineAsync($"An account with e-mail {email} already exists.");
            return 2;
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(name) ? email : name,
            Role = Role.SystemAdministrator,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync("Not created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            return 2;
        }

        await output.WriteLineAsync($"System administrator {email} created. A second factor (TOTP) is set up at the first sign-in.");
        return 0;
    }

    private async Task<int> CreateTokenAsync(string email, string name, int days, TextWriter output, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await output.WriteLineAsync($"No account with e-mail {email}.");
            return 2;
        }

        var (token, secret) = await tokens.CreateAsync(user.Id, name, days, ct);
        await output.WriteLineAsync(secret);
        await Console.Error.WriteLineAsync($"Token '{token.Name}' for {email}, valid until {token.ExpiresAt:yyyy-MM-dd}. Shown only now.");
        return 0;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new DomainException($"--{name} is required.");

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var key = args[i][2..];
                options[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
        }

        return options;
    }
}
