using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Deadlines;
using Samverka.Web.Data;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Notifications;

public sealed record NotificationDto(Guid Id, ReminderKind Kind, string KindName, Occasion Occasion, string Title, string Text, string Link, DateOnly By,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, bool Done);

public sealed record PreferenceDto(ReminderKind Kind, string KindName, Delivery Delivery, string DeliveryName);

public sealed record PreferencesDto(int LeadDays, IReadOnlyList<PreferenceDto> Kinds);

/// <summary>A person's choices: how many days before a deadline to be reminded, and how each kind arrives (a kind left out keeps its choice).</summary>
public sealed class PreferencesInput
{
    public int? LeadDays { get; set; }
    public List<PreferenceChoice>? Kinds { get; set; }
}

public sealed class PreferenceChoice
{
    public ReminderKind Kind { get; set; }
    public Delivery Delivery { get; set; }
}

/// <summary>The signed-in person's inbox and reminder choices. The context's filters give each person only their own.</summary>
public sealed class InboxService(SamverkaDbContext db, CurrentUserAccessor users, TimeProvider clock)
{
    private Guid Me => users.User.UserId ?? throw new DomainException("Logga in först.");

    public Task<int> UnreadAsync(CancellationToken ct) =>
        users.User.UserId is { } me ? db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null, ct) : Task.FromResult(0);

    /// <summary>Newest first, a page at a time; optionally only the unread.</summary>
    public async Task<Page<NotificationDto>> ListAsync(bool unreadOnly, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Page<NotificationDto>.Clamp(page, pageSize ?? 20);
        var me = Me;
        var q = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        if (unreadOnly)
        {
            q = q.Where(n => n.ReadAt == null);
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new(rows.Select(n => new NotificationDto(n.Id, n.Kind, n.Kind.Swedish(), n.Occasion, n.Title, n.Text, n.Link, n.By, n.CreatedAt, n.ReadAt, n.ResolvedAt is not null)).ToList(),
            number, size, total);
    }

    /// <summary>Marks one read; false when it is not the person's.</summary>
    public async Task<bool> ReadAsync(Guid id, CancellationToken ct)
    {
        var me = Me;
        var now = clock.GetUtcNow();
        var found = await db.Notifications.AnyAsync(n => n.Id == id && n.UserId == me, ct);
        await db.Notifications.Where(n => n.Id == id && n.UserId == me && n.ReadAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
        return found;
    }

    /// <summary>Where a notification of the person's leads.</summary>
    public Task<string?> LinkAsync(Guid id, CancellationToken ct)
    {
        var me = Me;
        return db.Notifications.Where(n => n.Id == id && n.UserId == me).Select(n => (string?)n.Link).FirstOrDefaultAsync(ct);
    }

    public async Task<int> ReadAllAsync(CancellationToken ct)
    {
        var me = Me;
        var now = clock.GetUtcNow();
        return await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>The kinds a person in this role can receive, in the order they are shown.</summary>
    public static IReadOnlyList<ReminderKind> KindsFor(Role? role) => role switch
    {
        Role.OrganisationRepresentative => [ReminderKind.Meeting, ReminderKind.FollowUp, ReminderKind.TeamChange],
        Role.CommitteeMember => [ReminderKind.FollowUp, ReminderKind.Renewal, ReminderKind.Decision],
        Role.MunicipalAdministrator => Enum.GetValues<ReminderKind>(),
        Role.Official => [ReminderKind.Meeting, ReminderKind.FollowUp, ReminderKind.Payment, ReminderKind.Renewal, ReminderKind.Retention, ReminderKind.TeamChange],
        _ => [],
    };

    public async Task<PreferencesDto> PreferencesAsync(CancellationToken ct)
    {
        var me = Me;
        var lead = await db.Users.Where(u => u.Id == me).Select(u => u.ReminderLeadDays).FirstAsync(ct);
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == me).ToDictionaryAsync(p => p.Kind, p => p.Delivery, ct);
        return new(lead, KindsFor(users.User.Role).Select(k =>
        {
            var d = chosen.TryGetValue(k, out var c) ? c : Reminders.DefaultDelivery(k);
            return new PreferenceDto(k, k.Swedish(), d, d.Swedish());
        }).ToList());
    }

    /// <summary>Checks every field first and reports all that are wrong; saves nothing unless all are right.</summary>
    public async Task<PreferencesDto> SaveAsync(PreferencesInput input, CancellationToken ct)
    {
        var me = Me;
        var errors = new Dictionary<string, string>();
        if (input.LeadDays is { } days && (days < 0 || days > Reminders.MaxLeadDays))
        {
            errors["LeadDays"] = $"Ange hur många dagar före (0–{Reminders.MaxLeadDays}).";
        }

        var kinds = input.Kinds ?? [];
        var allowed = KindsFor(users.User.Role);
        if (kinds.Count > 20)
        {
            errors["Kinds"] = "Högst 20 val.";
        }

        for (var i = 0; i < kinds.Count && i < 20; i++)
        {
            if (!allowed.Contains(kinds[i].Kind))
            {
                errors[$"Kinds[{i}].Kind"] = "Den sortens påminnelse finns inte för din roll.";
            }

            if (!Enum.IsDefined(kinds[i].Delivery))
            {
                errors[$"Kinds[{i}].Delivery"] = "Välj av, bara i Samverka, e-post direkt eller daglig sammanfattning.";
            }
        }

        if (errors.Count > 0)
        {
            throw DomainException.Many(errors);
        }

        if (input.LeadDays is { } lead)
        {
            await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(u => u.SetProperty(x => x.ReminderLeadDays, lead), ct);
        }

        var stored = await db.NotificationPreferences.Where(p => p.UserId == me).ToDictionaryAsync(p => p.Kind, ct);
        foreach (var choice in kinds.DistinctBy(k => k.Kind))
        {
            if (stored.TryGetValue(choice.Kind, out var row))
            {
                row.Delivery = choice.Delivery;
            }
            else
            {
                db.NotificationPreferences.Add(new NotificationPreference { UserId = me, Kind = choice.Kind, Delivery = choice.Delivery });
            }
        }

        await db.SaveChangesAsync(ct);
        return await PreferencesAsync(ct);
    }
}

public static class NotificationsApi
{
    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Påminnelser").RequireAuthorization(Policies.SignedIn);

        me.MapGet("/notifications", (bool? unread, int? page, int? pageSize, InboxService inbox, CancellationToken ct) => inbox.ListAsync(unread == true, page, pageSize, ct));

        me.MapGet("/notifications/unread-count", async (InboxService inbox, CancellationToken ct) => TypedResults.Ok(new { unread = await inbox.UnreadAsync(ct) }));

        me.MapPost("/notifications/{id:guid}/read", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, InboxService inbox, CancellationToken ct) =>
            await inbox.ReadAsync(id, ct) ? TypedResults.NoContent() : ApiErrors.NotFound("Påminnelsen"));

        me.MapPost("/notifications/read-all", async (InboxService inbox, CancellationToken ct) => TypedResults.Ok(new { read = await inbox.ReadAllAsync(ct) }));

        me.MapGet("/notification-preferences", (InboxService inbox, CancellationToken ct) => inbox.PreferencesAsync(ct));

        me.MapPut("/notification-preferences", (PreferencesInput input, InboxService inbox, CancellationToken ct) => inbox.SaveAsync(input, ct));
    }
}
