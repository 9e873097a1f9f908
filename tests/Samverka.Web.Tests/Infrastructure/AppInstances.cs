using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace Samverka.Web.Tests.Infrastructure;

/// <summary>
/// Instances of the built app as real processes on one PostgreSQL database of the test cluster:
/// for what only several processes show (a clustered scheduler, a load balancer, a restart). Keeps
/// the instances' last output lines for failure messages, and stops every instance at the end.
/// </summary>
public sealed class AppInstances(string database) : IAsyncDisposable
{
    private readonly List<Instance> _instances = [];
    private readonly ConcurrentQueue<string> _log = new();

    public sealed record Instance(string Id, int Port, Process Process)
    {
        public string Url => $"http://127.0.0.1:{Port}";
    }

    public string ConnectionString { get; private set; } = "";

    /// <summary>Settings every instance gets (environment variables), before its own.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh database on the test cluster.</summary>
    public async Task CreateDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable("SAMVERKA_TEST_POSTGRES")
            ?? throw new InvalidOperationException("SAMVERKA_TEST_POSTGRES is not set. Run the tests with ./test.sh.");
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", $"CREATE DATABASE {database}" })
            {
                await using var command = new NpgsqlCommand(sql, admin);
                await command.ExecuteNonQueryAsync(Ct);
            }
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString;
        Settings["ASPNETCORE_ENVIRONMENT"] = "Development";
        Settings["Database__Provider"] = "PostgreSQL";
        Settings["ConnectionStrings__Samverka"] = ConnectionString;
        Settings["Logging__LogLevel__Default"] = "Warning";
        Settings["RateLimiting__ApiPerMinute"] = "1000000";
        Settings["RateLimiting__SignInPerMinute"] = "1000000";
    }

    /// <summary>Where the built app is: src/Samverka.Web/bin/{the tests' configuration}/net10.0.</summary>
    public static string AppFolder
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

    /// <summary>Starts an instance (the first one to start migrates and seeds, when told to) and waits until it answers /health/ready.</summary>
    public async Task<Instance> StartAsync(string id, bool seed, IReadOnlyDictionary<string, string>? own = null, int? port = null)
    {
        var chosen = port ?? FreePort();
        var start = Start("--urls", $"http://127.0.0.1:{chosen}");
        foreach (var (key, value) in own ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        start.Environment["Demo__SeedData"] = seed ? "true" : "false";
        start.Environment["Database__MigrateOnStartup"] = seed ? "true" : "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(id, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(id, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var instance = new Instance(id, chosen, process);
        lock (_instances)
        {
            _instances.Add(instance);
        }

        using var http = new HttpClient();
        await UntilAsync(async () =>
        {
            Assert.False(process.HasExited, $"{id} exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Tail()}");
            try
            {
                return (await http.GetAsync($"{instance.Url}/health/ready", Ct)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(180), $"{id} to start"); // a loaded CI machine starts slowly
        return instance;
    }

    /// <summary>SIGKILL: the instance dies where it stands.</summary>
    public static async Task KillAsync(Instance instance)
    {
        instance.Process.Kill(entireProcessTree: true);
        await instance.Process.WaitForExitAsync(Ct);
    }

    /// <summary>SIGTERM: the instance stops taking connections, finishes what it serves, and exits.</summary>
    public static async Task StopAsync(Instance instance)
    {
        using (var kill = Process.Start("kill", ["-TERM", instance.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(Ct);
        }

        await instance.Process.WaitForExitAsync(Ct);
    }

    /// <summary>A command of the app (e.g. <c>reminders</c>, <c>create-token</c>) with the shared settings and no background jobs; its standard output.</summary>
    public async Task<string> RunAsync(params string[] command)
    {
        var start = Start(command);
        start.Environment["Samverka__Jobs__Enabled"] = "false";
        start.Environment["Demo__SeedData"] = "false";
        start.Environment["Database__MigrateOnStartup"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Keep("cli", await errors);
        return await output;
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct) is T value ? value : default;
    }

    /// <summary>Polls until the probe gives a non-default value; on time-out, fails with the instances' last lines.</summary>
    public async Task<T> UntilAsync<T>(Func<Task<T>> probe, TimeSpan timeout, string what)
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

    public string Tail() => string.Join("\n", _log.TakeLast(40));

    public static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private ProcessStartInfo Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("Samverka.Web.dll");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Settings)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private void Keep(string id, string? line)
    {
        if (line is null)
        {
            return;
        }

        foreach (var part in line.Split('\n'))
        {
            _log.Enqueue($"{id}: {part}");
        }

        while (_log.Count > 200 && _log.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            if (!instance.Process.HasExited)
            {
                instance.Process.Kill(entireProcessTree: true);
                await instance.Process.WaitForExitAsync();
            }

            instance.Process.Dispose();
        }
    }
}
