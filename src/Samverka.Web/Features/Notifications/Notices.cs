using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Deadlines;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Notifications;

/// <summary>
/// Tells people about something that happened (not a deadline): a notification in each inbox and,
/// as each person chose for the kind, an e-mail in the outbox. Adds to the caller's unit of work,
/// so the notice is saved in the same transaction as the change it tells of, or not at all.
/// </summary>
public sealed class Notices(SamverkaDbContext db, MailComposer mail, TimeProvider clock)
{
    public async Task TellAsync(IReadOnlyCollection<Guid> userIds, ReminderKind kind, string key, string title, string text, string link, Guid? municipalityId, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        var ids = userIds.Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Role, u.LockoutEnd, u.ReminderLeadDays }).ToListAsync(ct);
        // Each person's choice for the kind (read across people: only the delivery, to honour it).
        var chosen = await db.NotificationPreferences.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.UserId) && p.Kind == kind)
            .ToDictionaryAsync(p => p.UserId, p => p.Delivery, ct);
        var now = clock.GetUtcNow();
        foreach (var u in people.Where(u => !ApplicationUser.IsBlocked(u.LockoutEnd)))
        {
            var delivery = chosen.TryGetValue(u.Id, out var d) ? d : Reminders.DefaultDelivery(kind);
            if (delivery == Delivery.Off)
            {
                continue;
            }

            var n = new Notification
            {
                UserId = u.Id, MunicipalityId = municipalityId, Key = key, DeadlineKey = key, Kind = kind, Occasion = Occasion.OnDay,
                Title = title, Text = text, Link = link, By = Domain.Formatting.Swedish.Today(clock), CreatedAt = now,
            };
            Add(db, mail, new Recipient(u.Id, u.Email ?? "", u.DisplayName, u.Role, u.ReminderLeadDays), delivery, n, now);
        }
    }

    /// <summary>
    /// The one way a notification is written, for the daily pass and for notices alike: its texts
    /// bounded, into the inbox, and by e-mail at once or kept for the day's summary as chosen.
    /// Returns whether an e-mail was queued now.
    /// </summary>
    internal static bool Add(SamverkaDbContext db, MailComposer mail, Recipient person, Delivery delivery, Notification n, DateTimeOffset now)
    {
        n.Title = Clip(n.Title, 300);
        n.Text = Clip(n.Text, Notification.MaxText);
        n.AwaitsDigest = delivery == Delivery.Digest;
        db.Notifications.Add(n);
        if (delivery != Delivery.Immediately || string.IsNullOrWhiteSpace(person.Email))
        {
            return false;
        }

        var m = mail.Reminder(person, n, now);
        n.MailId = m.Id;
        db.OutgoingMail.Add(m);
        return true;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
