using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Deadlines;
using Samverka.Domain.Formatting;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Notifications;

/// <summary>What one daily pass did: counts, for the log, the command line and the tests.</summary>
public sealed record PassResult(DateOnly Day, int Deadlines, int Notified, int Mails, int Digests, int Resolved);

/// <summary>
/// The daily pass: for every open deadline and every person who must act on it, the reminder the
/// day calls for (before, on the day, late; and to the municipal administrator when late) in the
/// inbox, and by e-mail as the person chose. Each reminder has an effect key (deadline, occasion),
/// unique per person and written in the same transaction as its e-mail, so running the pass again,
/// on another instance or after a crash, tells nobody twice. Reminders of deadlines since met are
/// marked done, and the day's summaries are put together last.
/// </summary>
public sealed class ReminderPass(SamverkaDbContext db, DeadlineEngine engine, MailComposer mail, CurrentUserAccessor actor, TimeProvider clock,
    IConfiguration config, ILogger<ReminderPass> log)
{
    /// <summary>A pause between municipalities (<c>Reminders:PauseBetweenMunicipalitiesMilliseconds</c>, 0 by default) spreads a large pass's load on a busy database.</summary>
    private int Pause => Math.Clamp(config.GetValue("Reminders:PauseBetweenMunicipalitiesMilliseconds", 0), 0, 10_000);

    public async Task<PassResult> RunAsync(DateOnly? day, CancellationToken ct)
    {
        actor.ActAs(CurrentUser.System);
        var today = day ?? Swedish.Today(clock);
        var deadlines = await engine.OpenAsync(today, Reminders.MaxLeadDays, ct);
        var addressed = await engine.AddressAsync(deadlines, ct);
        var preferences = await PreferencesAsync(addressed.SelectMany(a => a.Act.Concat(a.Oversee)).Select(r => r.UserId).Distinct().ToList(), ct);

        var notified = 0;
        var mails = 0;
        foreach (var municipality in addressed.GroupBy(a => a.Deadline.MunicipalityId).OrderBy(g => g.Key))
        {
            if (Pause > 0)
            {
                await Task.Delay(Pause, ct);
            }

            // One transaction per municipality: a crash loses at most that municipality's unfinished batch, which the next run redoes.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var (n, m) = await NotifyAsync(municipality.ToList(), today, preferences, ct);
                    (notified, mails) = (notified + n, mails + m);
                    break;
                }
                catch (DbUpdateException e) when (attempt < 3 && DbErrors.IsUniqueViolation(e))
                {
                    // Another pass wrote some of the same reminders at the same moment: read again and write only what is left.
                    db.ChangeTracker.Clear();
                }
            }
        }

        var resolved = await ResolveMetAsync(today, ct);
        var digests = await DigestsAsync(today, ct);
        var result = new PassResult(today, deadlines.Count, notified, mails, digests, resolved);
        log.LogInformation("Reminders {Day}: {Deadlines} deadlines open, {Notified} reminders, {Mails} e-mails, {Digests} summaries, {Resolved} met since.",
            Swedish.Date(today), result.Deadlines, result.Notified, result.Mails, result.Digests, result.Resolved);
        return result;
    }

    private async Task<(int Notified, int Mails)> NotifyAsync(List<Addressed> batch, DateOnly today, Dictionary<(Guid, ReminderKind), Delivery> preferences, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var keys = batch.Select(a => a.Deadline.Key).ToList();
        var existing = new HashSet<(Guid, string)>();
        foreach (var chunk in keys.Chunk(300))
        {
            existing.UnionWith((await db.Notifications.AsNoTracking().Where(n => chunk.Contains(n.DeadlineKey)).Select(n => new { n.UserId, n.Key }).ToListAsync(ct))
                .Select(n => (n.UserId, n.Key)));
        }

        var now = clock.GetUtcNow();
        var (notified, mails) = (0, 0);
        foreach (var (deadline, act, oversee) in batch)
        {
            foreach (var person in act)
            {
                if (Reminders.OccasionOn(today, deadline.By, person.LeadDays, deadline.AnnounceFrom) is { } occasion
                    && Add(person, deadline.Kind, $"{deadline.Key}|{occasion}", occasion, Reminders.Subject(occasion, deadline.Title, deadline.By)) is { } sent)
                {
                    notified++;
                    mails += sent ? 1 : 0;
                }
            }

            if (deadline.By < today)
            {
                foreach (var person in oversee)
                {
                    if (Add(person, ReminderKind.Escalation, $"{deadline.Key}|escalation", Occasion.Late, Reminders.EscalationSubject(deadline.Title, deadline.By)) is { } sent)
                    {
                        notified++;
                        mails += sent ? 1 : 0;
                    }
                }
            }

            // Null when nothing was added; otherwise whether an e-mail was queued now.
            bool? Add(Recipient person, ReminderKind kind, string key, Occasion occasion, string title)
            {
                var delivery = preferences.TryGetValue((person.UserId, kind), out var chosen) ? chosen : Reminders.DefaultDelivery(kind);
                if (delivery == Delivery.Off || !existing.Add((person.UserId, key)))
                {
                    return null;
                }

                return Notices.Add(db, mail, person, delivery, new Notification
                {
                    UserId = person.UserId, MunicipalityId = deadline.MunicipalityId, Key = key, DeadlineKey = deadline.Key, Kind = kind, Occasion = occasion,
                    Title = title, Text = deadline.Text, Link = deadline.Link, By = deadline.By, CreatedAt = now,
                }, now);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (notified, mails);
    }

    /// <summary>Reminders not yet done whose deadline has since been met: marked done, and their waiting e-mails dropped.</summary>
    private async Task<int> ResolveMetAsync(DateOnly today, CancellationToken ct)
    {
        var resolved = 0;
        var after = Guid.Empty;
        while (true)
        {
            var page = await db.Notifications.Where(n => n.ResolvedAt == null && n.Id.CompareTo(after) > 0).OrderBy(n => n.Id)
                .Select(n => new { n.Id, n.DeadlineKey }).Take(500).ToListAsync(ct);
            if (page.Count == 0)
            {
                return resolved;
            }

            after = page[^1].Id;
            var open = await engine.StillOpenAsync(page.Select(p => p.DeadlineKey).Distinct().ToList(), today, ct);
            var met = page.Where(p => !open.Contains(p.DeadlineKey)).Select(p => p.Id).ToList();
            if (met.Count > 0)
            {
                var now = clock.GetUtcNow();
                resolved += await db.Notifications.Where(n => met.Contains(n.Id)).ExecuteUpdateAsync(u => u.SetProperty(n => n.ResolvedAt, now).SetProperty(n => n.AwaitsDigest, false), ct);
            }
        }
    }

    /// <summary>One summary e-mail per person and day for the reminders they take as a summary (a second pass the same day leaves the rest for tomorrow's).</summary>
    private async Task<int> DigestsAsync(DateOnly today, CancellationToken ct)
    {
        var waiting = await db.Notifications.AsNoTracking().Where(n => n.AwaitsDigest && n.ResolvedAt == null).Select(n => n.UserId).Distinct().ToListAsync(ct);
        var made = 0;
        foreach (var chunk in waiting.Chunk(100))
        {
            var people = await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.Email, u.DisplayName, u.Role, u.LockoutEnd, u.ReminderLeadDays }).ToListAsync(ct);
            var keys = chunk.Select(id => MailComposer.DigestKey(id, today)).ToList();
            var sentToday = (await db.OutgoingMail.AsNoTracking().Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct)).ToHashSet();
            foreach (var u in people.Where(u => !ApplicationUser.IsBlocked(u.LockoutEnd) && !string.IsNullOrWhiteSpace(u.Email)))
            {
                if (sentToday.Contains(MailComposer.DigestKey(u.Id, today)))
                {
                    continue; // today's summary is made; what came since waits for tomorrow's
                }

                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var items = await db.Notifications.Where(n => n.UserId == u.Id && n.AwaitsDigest && n.ResolvedAt == null).OrderBy(n => n.By).ThenBy(n => n.Key).Take(200).ToListAsync(ct);
                var m = mail.Digest(new Recipient(u.Id, u.Email!, u.DisplayName, u.Role, u.ReminderLeadDays), items, today, clock.GetUtcNow());
                db.OutgoingMail.Add(m);
                foreach (var n in items)
                {
                    (n.MailId, n.AwaitsDigest) = (m.Id, false);
                }

                try
                {
                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                    made++;
                }
                catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
                {
                    // Another pass made this person's summary for the day at the same moment.
                }

                db.ChangeTracker.Clear();
            }
        }

        return made;
    }

    private async Task<Dictionary<(Guid, ReminderKind), Delivery>> PreferencesAsync(List<Guid> users, CancellationToken ct)
    {
        var result = new Dictionary<(Guid, ReminderKind), Delivery>();
        foreach (var chunk in users.Chunk(500))
        {
            foreach (var p in await db.NotificationPreferences.AsNoTracking().Where(p => chunk.Contains(p.UserId)).ToListAsync(ct))
            {
                result[(p.UserId, p.Kind)] = p.Delivery;
            }
        }

        return result;
    }
}
