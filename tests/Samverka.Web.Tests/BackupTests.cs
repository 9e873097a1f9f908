using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Samverka.Web.Infrastructure.Cli;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>
/// Backup and restore as docs/operations.md tells an operator: on SQLite the <c>backup</c> command
/// while the app runs; on PostgreSQL <c>pg_dump</c> and <c>pg_restore</c> into a fresh database.
/// The restored copy holds the same data as the live database, including a change made just before.
/// </summary>
public abstract class BackupTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";

    private static readonly string[] Tables =
        ["Municipalities", "Committees", "Guidelines", "Organisations", "Cases", "Agreements", "AgreementVersions", "Partnerships",
         "SteeringMeetings", "Payments", "YearlyFollowUps", "Activities", "Obligations", "AuditEntries", "StoredFiles", "AspNetUsers", "DataProtectionKeys"];

    [Fact]
    public async Task A_backup_taken_while_the_app_runs_restores_to_the_same_data()
    {
        var api = await App.ApiAsync(Demo.Official);
        var created = await api.PostAsJsonAsync("/api/v1/organisations", new { orgNumber = "802498-7656", name = "Säkerhetskopians förening", legalForm = "NonProfitAssociation" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var live = await App.WithDbAsync(db => FigureAsync(db.Database.GetDbConnection()));
        Assert.Contains("Säkerhetskopians förening: 1", live);

        var restored = App.Provider == DatabaseProvider.Sqlite ? await ThroughTheBackupCommandAsync() : await ThroughPgDumpAsync();
        Assert.Equal(live, restored);
    }

    /// <summary>Row counts of the tables that matter, the newest audit entry, and the organisation made just before the backup.</summary>
    private async Task<List<string>> FigureAsync(DbConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(Ct);
        }

        var figures = new List<string>();
        async Task<string?> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (await command.ExecuteScalarAsync(Ct))?.ToString();
        }

        foreach (var table in Tables)
        {
            figures.Add($"{table}: {await Scalar($"SELECT COUNT(*) FROM \"{table}\"")}");
        }

        figures.Add($"Latest audit entry: {await Scalar("SELECT \"EntityType\" || ' ' || \"Action\" FROM \"AuditEntries\" ORDER BY \"At\" DESC, \"Id\" DESC LIMIT 1")}");
        figures.Add($"Säkerhetskopians förening: {await Scalar("SELECT COUNT(*) FROM \"Organisations\" WHERE \"Name\" = 'Säkerhetskopians förening'")}");
        return figures;
    }

    private async Task<List<string>> ThroughTheBackupCommandAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"samverka-backup-{Guid.NewGuid():N}.db");
        try
        {
            await using (var scope = App.Services.CreateAsyncScope())
            {
                var output = new StringWriter();
                Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<CommandLine>().RunAsync(["backup", "--to", file], TextReader.Null, output, Ct));
                Assert.Contains("integrity check ok", output.ToString());
            }

            await using (var again = App.Services.CreateAsyncScope())
            {
                // An existing backup is never overwritten.
                await Assert.ThrowsAsync<Samverka.Domain.Common.DomainException>(() =>
                    again.ServiceProvider.GetRequiredService<CommandLine>().RunAsync(["backup", "--to", file], TextReader.Null, TextWriter.Null, Ct));
            }

            // Restoring is using the file as samverka.db (docs/operations.md); read it as the app would.
            await using var restored = new SqliteConnection($"Data Source={file};Pooling=False");
            return await FigureAsync(restored);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<List<string>> ThroughPgDumpAsync()
    {
        var source = new NpgsqlConnectionStringBuilder(await App.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!)));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var output = new StringWriter();
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<CommandLine>().RunAsync(["backup", "--to", "/tmp/x.db"], TextReader.Null, output, Ct));
            Assert.Contains("pg_dump", output.ToString());
        }

        var dump = Path.Combine(Path.GetTempPath(), $"samverka-{Guid.NewGuid():N}.dump");
        var copy = source.Database + "_restored";
        string[] server = ["--host", source.Host!, "--port", source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", source.Username!];
        try
        {
            await RunAsync("pg_dump", [.. server, "--format=custom", $"--file={dump}", source.Database!]);
            await RunAsync("dropdb", [.. server, "--if-exists", copy]);
            await RunAsync("createdb", [.. server, copy]);
            await RunAsync("pg_restore", [.. server, $"--dbname={copy}", "--no-owner", dump]);
            await using var restored = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = copy, Pooling = false }.ConnectionString);
            return await FigureAsync(restored);
        }
        finally
        {
            File.Delete(dump);
            await RunAsync("dropdb", [.. server, "--if-exists", copy]);
        }
    }

    private async Task RunAsync(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(PgBin, tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{tool} failed: {errors}");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteBackupTests(SqliteApp app) : BackupTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresBackupTests(PostgresApp app) : BackupTests<PostgresApp>(app);
