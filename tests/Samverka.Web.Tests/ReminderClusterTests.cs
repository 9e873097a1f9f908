using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>
/// Exactly once across instances (ADR 0014): three instances of the built app on one PostgreSQL
/// database, their scheduler clustered; the instance running the daily pass is killed with
/// SIGKILL in the middle of it. Another instance recovers the job, and every reminder still
/// arrives once at a real SMTP server; a further pass finds nothing left to tell.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReminderClusterTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestSmtp _smtp = new();
    private readonly List<(string Id, Process Process)> _instances = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();
    private readonly string _database = "samverka_cluster";
    private string _connection = "";

    public async ValueTask InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("SAMVERKA_TEST_POSTGRES")
            ?? throw new InvalidOperationException("SAMVERKA_TEST_POSTGRES is not set. Run the tests with ./test.sh.");
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", $"CREATE DATABASE {_database}" })
            {
                await using var command = new NpgsqlCommand(sql, admin);
                await command.ExecuteNonQueryAsync(Ct);
            }
        }

        _connection = new NpgsqlConnectionStringBuilder(server) { Database = _database, Pooling = false }.ConnectionString;
    }

    [Fact]
    public async Task Three_instances_one_killed_during_the_pass_every_reminder_arrives_once()
    {
        // The first instance migrates and seeds; the other two join the cluster and set the pass to run shortly.
        await StartAsync("node-1", firstRunAfter: 3600, seed: true);
        await Task.WhenAll(StartAsync("node-2", firstRunAfter: 6, seed: false), StartAsync("node-3", firstRunAfter: 6, seed: false));

        // The pass pauses before each municipality; once one municipality's reminders are committed, kill the instance running it.
        var (victim, atKill) = await UntilAsync(async () =>
        {
            var running = await ScalarAsync<string>("SELECT instance_name FROM qrtz_fired_triggers WHERE job_name = 'reminders' AND state = 'EXECUTING' LIMIT 1");
            var written = await ScalarAsync<long>("SELECT COUNT(*) FROM \"Notifications\"");
            return running is not null && written > 0 ? (running, written) : default;
        }, TimeSpan.FromSeconds(60), "the pass to start on an instance");
        var killed = _instances.Single(i => i.Id == victim);
        killed.Process.Kill(entireProcessTree: true); // SIGKILL
        await killed.Process.WaitForExitAsync(Ct);

        // Another instance recovers the job; wait until the pass is over and the outbox is empty.
        var total = await UntilAsync(async () =>
        {
            var running = await ScalarAsync<long>("SELECT COUNT(*) FROM qrtz_fired_triggers WHERE job_name = 'reminders'");
            var unsent = await ScalarAsync<long>("SELECT COUNT(*) FROM \"OutgoingMail\" WHERE \"SentAt\" IS NULL AND \"DroppedAt\" IS NULL");
            var mails = await ScalarAsync<long>("SELECT COUNT(*) FROM \"OutgoingMail\"");
            var notified = await ScalarAsync<long>("SELECT COUNT(*) FROM \"Notifications\"");
            return running == 0 && unsent == 0 && notified > atKill && _smtp.Messages.Count >= mails ? notified : 0;
        }, TimeSpan.FromSeconds(90), "the recovered pass and the outbox to finish");

        var mails = await ScalarAsync<long>("SELECT COUNT(*) FROM \"OutgoingMail\"");
        var arrived = _smtp.Messages;
        TestContext.Current.TestOutputHelper?.WriteLine($"Killed {victim} after {atKill} of {total} reminders; {mails} mails queued, {arrived.Count} arrived.");
        Assert.True(total > atKill, $"The pass was killed after {atKill} of {total} reminders: the rest were written by another instance.");
        Assert.Equal(mails, arrived.Select(m => m.MessageId).Distinct().LongCount()); // every queued mail arrived …
        var copies = arrived.Count - arrived.Select(m => m.MessageId).Distinct().Count();
        Assert.True(copies <= 1, $"{copies} copies: only a mail in flight at the kill may arrive twice (same Message-ID)."); // … once, but for what SMTP cannot rule out
        Assert.Equal(arrived.Select(m => m.MessageId).Distinct().Count(), arrived.Select(m => (m.To.ToString(), m.Subject)).Distinct().Count());

        // A further pass on the same day, as the operator command runs it, finds nothing left to tell.
        var output = await RunAsync("reminders");
        Assert.Contains(" 0 nya påminnelser, 0 e-brev", output, StringComparison.Ordinal);
        Assert.Equal(arrived.Count, _smtp.Messages.Count);
    }

    private static string AppFolder
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = here.Parent!.Name; // …/bin/{Debug|Release}/net10.0
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Samverka.slnx")))
            {
                root = root.Parent;
            }

            return Path.Combine(root?.FullName ?? throw new InvalidOperationException("Samverka.slnx not found above the test binaries."),
                "src", "Samverka.Web", "bin", configuration, "net10.0");
        }
    }

    private Dictionary<string, string> Settings(string id) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Database__Provider"] = "PostgreSQL",
        ["ConnectionStrings__Samverka"] = _connection,
        ["Email__Smtp__Host"] = "127.0.0.1",
        ["Email__Smtp__Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email__Smtp__Tls"] = "None",
        ["Email__PickupDirectory"] = "",
        ["Email__SendEverySeconds"] = "5",
        ["Email__ClaimSeconds"] = "5",
        ["Samverka__Jobs__InstanceId"] = id,
        ["Samverka__Jobs__CheckinSeconds"] = "2",
        ["Reminders__DailyAt"] = TimeOnly.FromDateTime(DateTime.UtcNow.AddHours(12)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["Reminders__PauseBetweenMunicipalitiesMilliseconds"] = "1500",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Samverka"] = "Information",
    };

    private async Task StartAsync(string id, int firstRunAfter, bool seed)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "Samverka.Web.dll", "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Settings(id))
        {
            start.Environment[key] = value;
        }

        start.Environment["Reminders__FirstRunAfterSeconds"] = firstRunAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Demo__SeedData"] = seed ? "true" : "false";
        start.Environment["Database__MigrateOnStartup"] = seed ? "true" : "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(id, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(id, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_instances)
        {
            _instances.Add((id, process));
        }

        using var http = new HttpClient();
        await UntilAsync(async () =>
        {
            Assert.False(process.HasExited, $"{id} exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Tail()}");
            try
            {
                return (await http.GetAsync($"http://127.0.0.1:{port}/health/ready", Ct)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(180), $"{id} to start"); // a loaded CI machine starts slowly
    }

    private void Keep(string id, string? line)
    {
        if (line is not null)
        {
            _log.Enqueue($"{id}: {line}");
            while (_log.Count > 200 && _log.TryDequeue(out _))
            {
            }
        }
    }

    private string Tail() => string.Join("\n", _log.TakeLast(40));

    private async Task<string> RunAsync(string command)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("Samverka.Web.dll");
        start.ArgumentList.Add(command);
        foreach (var (key, value) in Settings("cli"))
        {
            start.Environment[key] = value;
        }

        start.Environment["Samverka__Jobs__Enabled"] = "false";
        start.Environment["Demo__SeedData"] = "false";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return output;
    }

    private async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connection);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct) is T value ? value : default;
    }

    private async Task<T> UntilAsync<T>(Func<Task<T>> probe, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (!EqualityComparer<T>.Default.Equals(value, default))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}. The instances' last lines:\n{Tail()}");
            }

            await Task.Delay(250, Ct);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process) in _instances)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        _smtp.Dispose();
    }
}

/// <summary>The cluster test starts three app processes: it runs alone, after the parallel suites, so its timing is its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster";
}
