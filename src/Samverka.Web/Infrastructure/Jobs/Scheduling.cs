using Quartz;
using Samverka.Domain.Formatting;
using Samverka.Web.Features.Notifications;
using Samverka.Web.Features.Partnerships;

namespace Samverka.Web.Infrastructure.Jobs;

/// <summary>
/// Background work on Quartz.NET (ADR 0014): the daily reminder pass, the e-mail outbox and the
/// day-note retention. On PostgreSQL the scheduler is clustered on the database (the ADO job
/// store), so every firing runs on one instance; on SQLite (one instance) it keeps its schedule
/// in memory. Either way the effects are idempotent by their keys, so a repeated or recovered
/// run does no harm. Off with <c>Samverka:Jobs:Enabled=false</c> (the tests run the work themselves).
/// </summary>
public static class Scheduling
{
    public static readonly JobKey Reminders = new("reminders", "samverka");
    public static readonly JobKey Mail = new("mail", "samverka");
    public static readonly JobKey Retention = new("retention", "samverka");

    public static void AddSamverkaJobs(this IServiceCollection services, IConfiguration config)
    {
        if (!config.GetValue("Samverka:Jobs:Enabled", true))
        {
            return;
        }

        var postgres = string.Equals(config["Database:Provider"], "PostgreSQL", StringComparison.OrdinalIgnoreCase);
        var dailyAt = TimeOnly.TryParse(config["Reminders:DailyAt"], System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : new TimeOnly(6, 0);
        var firstRun = TimeSpan.FromSeconds(config.GetValue("Reminders:FirstRunAfterSeconds", 30));
        var mailEvery = TimeSpan.FromSeconds(Math.Max(5, config.GetValue("Email:SendEverySeconds", 30)));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "Samverka";
                if (config["Samverka:Jobs:InstanceId"] is { Length: > 0 } id)
                {
                    o.InstanceId = id; // otherwise generated (host name and time) when clustered
                }
            });
            if (postgres)
            {
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(config.GetConnectionString("Samverka")!);
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(config.GetValue("Samverka:Jobs:CheckinSeconds", 10));
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(config.GetValue("Samverka:Jobs:CheckinSeconds", 10) * 2);
                    });
                    s.ConfigureStore(o => o.TablePrefix = "qrtz_");
                });
            }
            else
            {
                q.UseInMemoryStore(_ => { });
            }

            // The daily pass: every morning, and once shortly after start (RunSoonAfterStart; a day missed while no instance ran is caught up).
            q.AddJob<ReminderJob>(j => j.WithIdentity(Reminders).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(Reminders).WithIdentity("reminders-daily", "samverka")
                .WithCronSchedule($"0 {dailyAt.Minute} {dailyAt.Hour} * * ?", c => c.InTimeZone(Swedish.Stockholm))); // a missed morning fires once when an instance is back

            q.AddJob<MailJob>(j => j.WithIdentity(Mail).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(Mail).WithIdentity("mail-every", "samverka").StartNow().WithSimpleSchedule(mailEvery));

            q.AddJob<RetentionJob>(j => j.WithIdentity(Retention).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(Retention).WithIdentity("retention-daily", "samverka")
                .WithCronSchedule("0 30 2 * * ?", c => c.InTimeZone(Swedish.Stockholm))); // a missed morning fires once when an instance is back
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService(sp => new RunSoonAfterStart(sp.GetRequiredService<ISchedulerFactory>(), sp.GetRequiredService<IHostApplicationLifetime>(),
            firstRun, sp.GetRequiredService<ILogger<RunSoonAfterStart>>()));
    }
}

/// <summary>
/// Once soon after this instance has started — counted from when it serves, not from when it was
/// configured: the day's reminder pass and the retention, so a morning missed while no instance ran
/// is caught up. Each starting instance moves the same trigger; the effect keys make a second run harmless.
/// </summary>
public sealed class RunSoonAfterStart(ISchedulerFactory factory, IHostApplicationLifetime lifetime, TimeSpan after, ILogger<RunSoonAfterStart> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = ScheduleAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ScheduleAsync()
    {
        try
        {
            var scheduler = await factory.GetScheduler();
            var now = DateTimeOffset.UtcNow;
            await scheduler.ScheduleJob(TriggerBuilder.Create().ForJob(Scheduling.Reminders).WithIdentity("reminders-at-start", "samverka").StartAt(now + after).Build(),
                ScheduleJobOptions.Replacing, CancellationToken.None);
            await scheduler.ScheduleJob(TriggerBuilder.Create().ForJob(Scheduling.Retention).WithIdentity("retention-at-start", "samverka").StartAt(now + after + after).Build(),
                ScheduleJobOptions.Replacing, CancellationToken.None);
        }
        catch (Exception e) when (e is SchedulerException or InvalidOperationException)
        {
            log.LogWarning(e, "The runs after start were not scheduled; the daily ones still are.");
        }
    }
}

/// <summary>The daily reminder pass, then the outbox at once (so a reminder due today leaves now, not at the next poll).</summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(ReminderPass pass, MailSender mail) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await pass.RunAsync(null, cancellationToken);
        await mail.SendPendingAsync(cancellationToken);
    }
}

/// <summary>Sends what waits in the outbox.</summary>
[DisallowConcurrentExecution]
public sealed class MailJob(MailSender mail) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await mail.SendPendingAsync(cancellationToken);
}

/// <summary>Deletes day notes past each municipality's retention period, once a day across all instances.</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionService retention, ILogger<RetentionJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var results = await retention.RunAsync(cancellationToken);
        log.LogInformation("Retention: {Deleted} day notes deleted.", results.Sum(r => r.Deleted));
    }
}
