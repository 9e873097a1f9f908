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
                Title = title.Length <= 300 ? title : title[..299] + "…", Text = text.Length <= Notification.MaxText ? text : text[..(Notification.MaxText - 1)] + "…",
                Link = link, By = Domain.Formatting.Swedish.Today(clock), CreatedAt = now, AwaitsDigest = delivery == Delivery.Digest,
            };
            db.Notifications.Add(n);
            if (delivery == Delivery.Immediately && !string.IsNullOrWhiteSpace(u.Email))
            {
                var m = mail.Reminder(new Recipient(u.Id, u.Email, u.DisplayName, u.Role, u.ReminderLeadDays), n, now);
                n.MailId = m.Id;
                db.OutgoingMail.Add(m);
            }
        }
    }
}
