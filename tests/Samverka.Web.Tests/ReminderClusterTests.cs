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
    private readonly TestSmtp _smtp = new();
    private readonly AppInstances _app = new("samverka_cluster");

    public async ValueTask InitializeAsync()
    {
        await _app.CreateDatabaseAsync();
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Smtp__Tls"] = "None",
            ["Email__PickupDirectory"] = "",
            ["Email__SendEverySeconds"] = "5",
            ["Email__ClaimSeconds"] = "5",
            ["Samverka__Jobs__CheckinSeconds"] = "2",
            ["Reminders__DailyAt"] = TimeOnly.FromDateTime(DateTime.UtcNow.AddHours(12)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Reminders__PauseBetweenMunicipalitiesMilliseconds"] = "1500",
        })
        {
            _app.Settings[key] = value;
        }
    }

    private static Dictionary<string, string> Node(string id, int firstRunAfter) => new()
    {
        ["Samverka__Jobs__InstanceId"] = id,
        ["Reminders__FirstRunAfterSeconds"] = firstRunAfter.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Three_instances_one_killed_during_the_pass_every_reminder_arrives_once()
    {
        // The first instance migrates and seeds; the other two join the cluster and set the pass to run shortly.
        var first = await _app.StartAsync("node-1", seed: true, Node("node-1", 3600));
        var others = await Task.WhenAll(_app.StartAsync("node-2", seed: false, Node("node-2", 6)), _app.StartAsync("node-3", seed: false, Node("node-3", 6)));
        AppInstances.Instance[] nodes = [first, .. others];

        // The pass pauses before each municipality; once one municipality's reminders are committed, kill the instance running it.
        var (victim, atKill) = await _app.UntilAsync(async () =>
        {
            var running = await _app.ScalarAsync<string>("SELECT instance_name FROM qrtz_fired_triggers WHERE job_name = 'reminders' AND state = 'EXECUTING' LIMIT 1");
            var written = await _app.ScalarAsync<long>("SELECT COUNT(*) FROM \"Notifications\"");
            return running is not null && written > 0 ? (running, written) : default;
        }, TimeSpan.FromSeconds(60), "the pass to start on an instance");
        await AppInstances.KillAsync(nodes.Single(n => n.Id == victim));

        // Another instance recovers the job; wait until the pass is over and the outbox is empty.
        var total = await _app.UntilAsync(async () =>
        {
            var running = await _app.ScalarAsync<long>("SELECT COUNT(*) FROM qrtz_fired_triggers WHERE job_name = 'reminders'");
            var unsent = await _app.ScalarAsync<long>("SELECT COUNT(*) FROM \"OutgoingMail\" WHERE \"SentAt\" IS NULL AND \"DroppedAt\" IS NULL");
            var mails = await _app.ScalarAsync<long>("SELECT COUNT(*) FROM \"OutgoingMail\"");
            var notified = await _app.ScalarAsync<long>("SELECT COUNT(*) FROM \"Notifications\"");
            return running == 0 && unsent == 0 && notified > atKill && _smtp.Messages.Count >= mails ? notified : 0;
        }, TimeSpan.FromSeconds(90), "the recovered pass and the outbox to finish");

        var queued = await _app.ScalarAsync<long>("SELECT COUNT(*) FROM \"OutgoingMail\"");
        var arrived = _smtp.Messages;
        TestContext.Current.TestOutputHelper?.WriteLine($"Killed {victim} after {atKill} of {total} reminders; {queued} mails queued, {arrived.Count} arrived.");
        Assert.True(total > atKill, $"The pass was killed after {atKill} of {total} reminders: the rest were written by another instance.");
        Assert.Equal(queued, arrived.Select(m => m.MessageId).Distinct().LongCount()); // every queued mail arrived …
        var copies = arrived.Count - arrived.Select(m => m.MessageId).Distinct().Count();
        Assert.True(copies <= 1, $"{copies} copies: only a mail in flight at the kill may arrive twice (same Message-ID)."); // … once, but for what SMTP cannot rule out
        Assert.Equal(arrived.Select(m => m.MessageId).Distinct().Count(), arrived.Select(m => (m.To.ToString(), m.Subject)).Distinct().Count());

        // A further pass on the same day, as the operator command runs it, finds nothing left to tell.
        var output = await _app.RunAsync("reminders");
        Assert.Contains(" 0 nya påminnelser, 0 e-brev", output, StringComparison.Ordinal);
        Assert.Equal(arrived.Count, _smtp.Messages.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _smtp.Dispose();
    }
}

/// <summary>Tests that start app processes of their own run alone, after the parallel suites, so their timing is their own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster";
}
