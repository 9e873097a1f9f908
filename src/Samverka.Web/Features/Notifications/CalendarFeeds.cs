using System.Security.Cryptography;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Deadlines;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Notifications;

public sealed record CalendarFeedDto(string Url);

/// <summary>
/// Calendar feeds (iCalendar): a person's (everything they must act on) or one partnership's
/// (meetings, follow-ups, payments, renewal), at a secret address. Each deadline is one event with
/// a UID that stays while the deadline lives; a month's steering-group meeting keeps its UID when it
/// is held on another day, so a calendar moves the event instead of adding one.
/// </summary>
public sealed class CalendarFeedService(SamverkaDbContext db, CurrentUserAccessor users, DeadlineEngine engine, MailComposer links,
    IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Path = "/kalender/";
    private const int HorizonDays = 400;

    private IDataProtector Protector => protection.CreateProtector("Samverka.CalendarFeed");

    private Guid Me => users.User.UserId ?? throw new DomainException("Logga in först.");

    /// <summary>The person's address for their own feed (or a partnership's they see); made on the first ask when <paramref name="create"/>.</summary>
    public async Task<string?> UrlAsync(Guid? partnershipId, bool create, CancellationToken ct)
    {
        var me = Me;
        await EnsureVisibleAsync(partnershipId, ct);
        var feed = await db.CalendarFeeds.AsNoTracking().Where(f => f.UserId == me && f.PartnershipId == partnershipId && f.RevokedAt == null)
            .OrderByDescending(f => f.CreatedAt).FirstOrDefaultAsync(ct);
        if (feed is not null)
        {
            return Url(Protector.Unprotect(feed.ProtectedSecret));
        }

        return create ? await NewAsync(me, partnershipId, ct) : null;
    }

    /// <summary>A new address; the old one stops working at once.</summary>
    public async Task<string> RenewAsync(Guid? partnershipId, CancellationToken ct)
    {
        await EnsureVisibleAsync(partnershipId, ct);
        await RevokeAsync(partnershipId, ct);
        return await NewAsync(Me, partnershipId, ct);
    }

    public async Task<bool> RevokeAsync(Guid? partnershipId, CancellationToken ct)
    {
        var me = Me;
        var now = clock.GetUtcNow();
        return await db.CalendarFeeds.Where(f => f.UserId == me && f.PartnershipId == partnershipId && f.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.RevokedAt, now), ct) > 0;
    }

    /// <summary>
    /// The feed behind a secret, as its owner may see it now: null when the address is unknown,
    /// revoked, or its owner blocked or no longer sees the partnership.
    /// </summary>
    public async Task<string?> RenderAsync(string secret, CancellationToken ct)
    {
        if (secret.Length is < 20 or > 100)
        {
            return null;
        }

        users.ActAs(CurrentUser.System);
        var hash = Hash(secret);
        var feed = await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.SecretHash == hash && f.RevokedAt == null, ct);
        var owner = feed is null ? null : await db.Users.AsNoTracking().Include(u => u.Organisations).FirstOrDefaultAsync(u => u.Id == feed.UserId, ct);
        if (feed is null || owner is null || ApplicationUser.IsBlocked(owner.LockoutEnd))
        {
            return null;
        }

        // From here the feed reads as its owner: the context's filters decide what that is.
        users.ActAs(CurrentUser.Of(owner.Id, owner.Role, owner.DisplayName, owner.MunicipalityId, owner.Organisations.Select(o => o.OrganisationId)));
        var today = Swedish.Today(clock);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Samverka//Påminnelser//SV", Method = "PUBLISH" };
        if (feed.PartnershipId is { } id)
        {
            var title = await db.Partnerships.AsNoTracking().Where(p => p.Id == id).Select(p => p.Title).FirstOrDefaultAsync(ct);
            if (title is null)
            {
                return null;
            }

            calendar.AddProperty("X-WR-CALNAME", $"Samverka – {title}");
            var open = (await engine.OpenAsync(today, HorizonDays, ct, [id])).Where(d => !d.Actors.HasFlag(Actors.Committee)).ToList();
            var held = await db.RecordsOf<SteeringMeeting>(id).AsNoTracking().Where(m => m.Date >= today.AddYears(-1))
                .Select(m => new { m.Date, m.Kind, m.Agenda }).ToListAsync(ct);
            foreach (var d in open)
            {
                calendar.Events.Add(Event(d.Key, d.Title, d.Text, d.By, d.Link, sequence: 0));
            }

            foreach (var m in held)
            {
                var key = m.Kind == MeetingKind.Ordinary ? $"p:{id}:meeting:{m.Date:yyyy-MM-dd}" : $"p:{id}:extra-meeting:{m.Date:yyyy-MM-dd}";
                calendar.Events.Add(Event(key, $"Styrgruppsmöte i {title} (hållet)", m.Agenda ?? "Styrgruppens möte är hållet och protokollfört.", m.Date,
                    $"/partnerskap/{id}/styrgrupp", sequence: 1));
            }
        }
        else
        {
            calendar.AddProperty("X-WR-CALNAME", "Samverka – det jag ska göra");
            var partnerships = await db.Partnerships.AsNoTracking().Where(p => p.Ended == null).Select(p => p.Id).ToListAsync(ct);
            var municipalities = owner.MunicipalityId is { } m ? new[] { m } : [];
            foreach (var d in await engine.ForUserAsync(owner.Id, today, HorizonDays, partnerships, municipalities, ct))
            {
                calendar.Events.Add(Event(d.Key, d.Title, d.Text, d.By, d.Link, sequence: 0));
            }
        }

        return new CalendarSerializer().SerializeToString(calendar);
    }

    /// <summary>
    /// The event's UID: the deadline's key, except that a steering-group meeting is the month's
    /// (held on another day than planned, it is the same meeting moved).
    /// </summary>
    public static string Uid(string key)
    {
        var parts = key.Split(':');
        if (parts.Length == 4 && parts[0] == "p" && parts[2] == "meeting" && parts[3].Length == 10)
        {
            return $"p-{parts[1]}-meeting-{parts[3][..7]}@samverka";
        }

        return string.Join('-', parts) + "@samverka";
    }

    private CalendarEvent Event(string key, string title, string text, DateOnly day, string link, int sequence) => new()
    {
        Uid = Uid(key),
        Summary = title,
        Description = $"{text}\n{links.BaseUrl}{link}",
        Url = new Uri(links.BaseUrl + link),
        DtStart = new CalDateTime(day),
        DtEnd = new CalDateTime(day.AddDays(1)),
        DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime),
        Sequence = sequence,
    };

    private async Task EnsureVisibleAsync(Guid? partnershipId, CancellationToken ct)
    {
        if (partnershipId is { } id && !await db.Partnerships.AnyAsync(p => p.Id == id, ct))
        {
            throw new RecordNotFoundException("Partnerskapet");
        }
    }

    private async Task<string> NewAsync(Guid me, Guid? partnershipId, CancellationToken ct)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.CalendarFeeds.Add(new CalendarFeed { UserId = me, PartnershipId = partnershipId, SecretHash = Hash(secret), ProtectedSecret = Protector.Protect(secret), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return Url(secret);
    }

    private string Url(string secret) => $"{links.BaseUrl}{Path}{secret}.ics";

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public static class CalendarFeedEndpoints
{
    /// <summary>The feeds themselves (no sign-in: the secret is the key) and the API that hands out, renews and revokes addresses.</summary>
    public static void MapCalendarFeeds(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapGet(CalendarFeedService.Path + "{file}", async Task<Results<FileContentHttpResult, NotFound>> (string file, CalendarFeedService feeds, HttpContext http, CancellationToken ct) =>
        {
            if (!file.EndsWith(".ics", StringComparison.Ordinal) || await feeds.RenderAsync(file[..^4], ct) is not { } ics)
            {
                return TypedResults.NotFound();
            }

            http.Response.Headers.CacheControl = "private, max-age=300";
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", "samverka.ics");
        }).AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(ServiceRegistration.ApiRateLimit);

        var me = api.MapGroup("/me").WithTags("Påminnelser").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/calendar-feed", async (CalendarFeedService feeds, CancellationToken ct) => TypedResults.Ok(new CalendarFeedDto((await feeds.UrlAsync(null, create: true, ct))!)));
        me.MapPost("/calendar-feed/renew", async (CalendarFeedService feeds, CancellationToken ct) => TypedResults.Ok(new CalendarFeedDto(await feeds.RenewAsync(null, ct))));
        me.MapDelete("/calendar-feed", async Task<Results<NoContent, ProblemHttpResult>> (CalendarFeedService feeds, CancellationToken ct) =>
            await feeds.RevokeAsync(null, ct) ? TypedResults.NoContent() : ApiErrors.NotFound("Kalenderadressen"));

        var partnership = api.MapGroup("/partnerships/{id:guid}").WithTags("Påminnelser").RequireAuthorization(Policies.SignedIn);
        partnership.MapGet("/calendar-feed", async (Guid id, CalendarFeedService feeds, CancellationToken ct) => TypedResults.Ok(new CalendarFeedDto((await feeds.UrlAsync(id, create: true, ct))!)));
        partnership.MapPost("/calendar-feed/renew", async (Guid id, CalendarFeedService feeds, CancellationToken ct) => TypedResults.Ok(new CalendarFeedDto(await feeds.RenewAsync(id, ct))));
        partnership.MapDelete("/calendar-feed", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, CalendarFeedService feeds, CancellationToken ct) =>
            await feeds.RevokeAsync(id, ct) ? TypedResults.NoContent() : ApiErrors.NotFound("Kalenderadressen"));
    }
}
