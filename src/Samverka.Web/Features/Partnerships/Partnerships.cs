using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Data.Configurations;
using Samverka.Web.Features.Partnerships.Activities;
using Samverka.Web.Features.Partnerships.FollowUp;
using Samverka.Web.Features.Partnerships.Money;
using Samverka.Web.Features.Partnerships.Steering;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships;

/// <summary>
/// A change to a partnership. <see cref="Version"/> is the version the client read of what the
/// change alters: the record (a payment, a follow-up, a meeting …) or, for the partnership's own
/// settings, the partnership. Adding a new record needs none.
/// </summary>
public abstract class PartnershipChange
{
    public Guid? Version { get; set; }

    /// <summary>For forms that offer several records to choose from: the version read of each, by record id.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Dictionary<Guid, Guid> Versions { get; set; } = [];
}

public sealed class KeyFigureInput
{
    public string? Name { get; set; }
    public string? Value { get; set; }
}

public sealed class EndInput : PartnershipChange
{
    /// <summary>True: terminate (hävning) on <see cref="On"/>; false: close a partnership whose term has run out. Must be chosen.</summary>
    public bool? Terminate { get; set; }
    public DateOnly? On { get; set; }
    public string? Reason { get; set; }
}

public sealed record LineUseDto(Guid Id, string Party, int Year, string Label, decimal Budgeted, decimal Used)
{
    public decimal Remaining => Budgeted - Used;
}

public sealed record PartnershipPermissions(bool Manage, bool Report);

public sealed record PaymentDto(Guid Id, Guid Version, int Year, DateOnly DueOn, decimal Amount, int? AwaitsFollowUpOf, DateOnly? PaidOn, string? Reference, string? Blocker, bool Cancelled);

public sealed record PartnershipDto(
    Guid Id, Guid Version, Guid AgreementId, string Title, DateOnly TermStart, DateOnly TermEnd, IReadOnlyList<Domain.Agreements.AgreementParty> Parties,
    IReadOnlyList<Domain.Agreements.SteeringMember> SteeringGroup, IReadOnlyList<DateOnly> MeetingSchedule, IReadOnlyList<SteeringMeeting> Meetings,
    IReadOnlyList<PaymentDto> Payments, IReadOnlyList<YearlyFollowUp> FollowUps, bool FollowUpGatesPayment,
    IReadOnlyList<LineUseDto> Lines, IReadOnlyList<UsageReport> Usage, IReadOnlyList<RepaymentClaim> Claims, IReadOnlyList<Surplus> Surpluses, decimal PaidSoFar,
    IReadOnlyList<CoordinationMeeting> Coordination, IReadOnlyList<TripartiteReview> Reviews, IReadOnlyList<QuarterlyReport> Quarterly,
    Ending? Ended, PartnershipPermissions Permissions,
    IReadOnlyList<string> KeyFigureNames, IReadOnlyList<ActivityEntry> Activities, int ActivityCount, decimal? NightWalkRate, IReadOnlyList<NightWalk> NightWalks, IReadOnlyList<WalkPayout> NightWalkAccount,
    IReadOnlyList<SteeringChange> SteeringChanges, IReadOnlyList<CalendarItem> Calendar, Domain.Guidelines.Interval PaymentInterval, IReadOnlyList<IntervalDecision> IntervalDecisions,
    IReadOnlyList<Renegotiation> Renegotiations, IReadOnlyList<AppliedAmendment> Amendments, ExtensionDeclined? Declined, Guid? RenewalCaseId,
    DateOnly? RenewalDialogueStarts, DateOnly? RenewLatest);

/// <summary>
/// A partnership at a glance, for its overview page and <c>GET /api/v1/partnerships/{id}/overview</c>:
/// what is due now and a summary of each concern, read by indexed queries that do not grow with
/// the partnership's history.
/// </summary>
public sealed record PartnershipOverviewDto(
    Guid Id, Guid Version, Guid AgreementId, string Title, DateOnly TermStart, DateOnly TermEnd, IReadOnlyList<Domain.Agreements.AgreementParty> Parties,
    IReadOnlyList<Domain.Agreements.SteeringMember> SteeringGroup, Ending? Ended, PartnershipPermissions Permissions, IReadOnlyList<DueItem> Due,
    int MeetingCount, DateOnly? LastMeeting, DateOnly? NextMeeting, int? LatestFollowUpYear, Assessment? LatestFollowUpAssessment,
    decimal Paid, decimal Scheduled, PaymentDto? NextPayment, int ActivityCount, int NightWalkCount, bool HasNightWalks,
    DateOnly? RenewalDialogueStarts, DateOnly? RenewLatest, ExtensionDeclined? Declined, Guid? RenewalCaseId, bool RenegotiationOpen);

/// <summary>The municipalities' money in one year of a partnership as the frames count it (the agreement in force, less cancelled payments), and what is paid.</summary>
public sealed record YearMoneyDto(int Year, decimal Committed, decimal Paid);

public sealed record PartnershipSummaryDto(Guid Id, string Title, string Organisations, DateOnly TermStart, DateOnly TermEnd, Ending? Ended, decimal Paid, decimal Scheduled);

/// <summary>Running partnerships: started when an agreement is signed; meetings, yearly follow-ups and payments.</summary>
public sealed class PartnershipService(SamverkaDbContext db, CurrentUserAccessor me, TimeProvider clock)
{
    private CurrentUser User => me.User;

    public static PartnershipPermissions PermissionsFor(CurrentUser user, Partnership p)
    {
        var leads = user.SeesAllMunicipalities || user.MunicipalityIds.Contains(p.MunicipalityId);
        var official = user.Role is Role.Official or Role.MunicipalAdministrator or Role.SystemAdministrator;
        var party = user.IsOrganisationBound && user.OrganisationIds.Any(p.OrganisationIds.Contains);
        return new(Manage: leads && official, Report: (leads && official) || party);
    }

    /// <summary>The partnership with every kind of record, for its page and its API read.</summary>
    public Task<Partnership?> FindAsync(Guid id, CancellationToken ct) => db.FindPartnershipAsync(id, RecordKinds.All, ct, tracking: false);

    /// <summary>The partnership with the kinds of record a page shows.</summary>
    public Task<Partnership?> FindAsync(Guid id, RecordKinds kinds, CancellationToken ct) => db.FindPartnershipAsync(id, kinds, ct, tracking: false);

    /// <summary>The overview of one partnership (see <see cref="PartnershipOverviewDto"/>).</summary>
    public async Task<PartnershipOverviewDto?> OverviewAsync(Guid id, CancellationToken ct)
    {
        var p = await FindAsync(id, RecordKinds.None, ct);
        if (p is null)
        {
            return null;
        }

        var today = Swedish.Today(clock);
        var meetings = db.RecordsOf<SteeringMeeting>(id).AsNoTracking();
        var meetingCount = await meetings.CountAsync(ct);
        var last = await meetings.OrderByDescending(m => m.Date).Select(m => (DateOnly?)m.Date).FirstOrDefaultAsync(ct);
        var heldSince = (await meetings.Where(m => m.Date >= today).Select(m => m.Date).ToListAsync(ct)).ToHashSet();
        var next = p.MeetingSchedule().Where(d => d >= today && !heldSince.Contains(d)).Select(d => (DateOnly?)d).FirstOrDefault();
        var latest = await db.RecordsOf<YearlyFollowUp>(id).AsNoTracking().OrderByDescending(f => f.Year).Select(f => new { f.Year, f.Assessment }).FirstOrDefaultAsync(ct);
        var payments = db.RecordsOf<Payment>(id).AsNoTracking();
        var paid = await payments.Where(x => x.PaidOn != null).SumAsync(x => x.Amount, ct);
        var scheduled = await payments.Where(x => !x.Cancelled).SumAsync(x => x.Amount, ct);
        var pay = await payments.Where(x => x.PaidOn == null && !x.Cancelled).OrderBy(x => x.DueOn).FirstOrDefaultAsync(ct);
        PaymentDto? nextPayment = null;
        if (pay is not null)
        {
            var approved = pay.AwaitsFollowUpOf is { } year && await db.RecordsOf<YearlyFollowUp>(id).AnyAsync(f => f.Year == year && f.Assessment == Assessment.Approved, ct);
            nextPayment = new(pay.Id, pay.Version, pay.Year, pay.DueOn, pay.Amount, pay.AwaitsFollowUpOf, null, null, Partnership.BlockerOf(pay.AwaitsFollowUpOf, approved), false);
        }

        var (activities, walks) = await CountsAsync(id, ct);
        return new(p.Id, p.Version, p.AgreementId, p.Title, p.TermStart, p.TermEnd, p.Parties, p.SteeringGroup, p.Ended, PermissionsFor(User, p), await DueInAsync(id, ct),
            meetingCount, last, next, latest?.Year, latest?.Assessment, paid, scheduled, nextPayment, activities, walks, p.NightWalkRate is not null,
            p.RenewalDialogueStarts, p.RenewLatest, p.Declined, p.RenewalCaseId, p.OpenRenegotiation is not null);
    }

    /// <summary>One kind of a partnership's records, a page at a time in the order given; null when the partnership is not the user's.</summary>
    public async Task<Page<T>?> RecordsAsync<T>(Guid id, Func<IQueryable<T>, IOrderedQueryable<T>> order, int? page, int? pageSize, CancellationToken ct)
        where T : class, IPartnershipRecord
    {
        if (!await db.Partnerships.AnyAsync(p => p.Id == id, ct))
        {
            return null;
        }

        var (number, size) = Page<T>.Clamp(page, pageSize);
        var records = db.RecordsOf<T>(id).AsNoTracking();
        return new(await order(records).Skip((number - 1) * size).Take(size).ToListAsync(ct), number, size, await records.CountAsync(ct));
    }

    /// <summary>What is due in one partnership today, late first: its stored obligations, as on the start page.</summary>
    public async Task<IReadOnlyList<DueItem>> DueInAsync(Guid id, CancellationToken ct)
    {
        var today = Swedish.Today(clock);
        var rows = await db.Obligations.AsNoTracking()
            .Where(o => o.PartnershipId == id && o.Audience == Audience.Partnership && o.ShowFrom <= today && o.HideAfter >= today)
            .OrderBy(o => o.By).ThenBy(o => o.Key).ToListAsync(ct); // a handful at a time: what one partnership owes now
        return rows.Select(o => new DueItem(o.Kind, o.Text, o.By, o.By < today, o.Key)).ToList();
    }

    /// <summary>How many activities and night walks are logged.</summary>
    public async Task<(int Activities, int NightWalks)> CountsAsync(Guid id, CancellationToken ct) =>
        (await db.RecordsOf<ActivityEntry>(id).CountAsync(ct), await db.RecordsOf<NightWalk>(id).CountAsync(ct));

    /// <summary>The change alters the partnership's own settings: the client names the partnership's version.</summary>
    internal static IVersioned Root(Partnership p) => p;

    /// <summary>The change adds a new record: no version is needed, whatever the client read before.</summary>
    internal static IVersioned? Adds(Partnership p) => null;

    /// <summary>
    /// The partnerships the user sees, those ending last first, optionally found by title, party or
    /// organisation number (ended ones too). Reads only the columns the list shows.
    /// </summary>
    public async Task<Page<PartnershipSummaryDto>> ListAsync(string? query, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Page<PartnershipSummaryDto>.Clamp(page, pageSize);
        var q = db.Partnerships.AsNoTracking();
        if (Texts.SearchTerm(query) is { } term)
        {
            q = q.Where(p => p.SearchText.Contains(term));
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(p => p.TermEnd).ThenByDescending(p => p.Id).Skip((number - 1) * size).Take(size)
            .Select(p => new { p.Id, p.Title, p.TermStart, p.TermEnd, p.Parties, p.Ended }).ToListAsync(ct);

        // The page's money in one grouped query by the payments' index (the ids are already the user's).
        var ids = rows.Select(r => r.Id).ToList();
        var sums = (await db.Set<Payment>().IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(EF.Property<Guid>(x, PartnershipRecordTables.PartnershipId)))
            .GroupBy(x => EF.Property<Guid>(x, PartnershipRecordTables.PartnershipId))
            .Select(g => new { Id = g.Key, Paid = g.Sum(x => x.PaidOn != null ? x.Amount : 0), Scheduled = g.Sum(x => x.Cancelled ? 0 : x.Amount) })
            .ToListAsync(ct)).ToDictionary(x => x.Id);
        return new(rows.Select(p => new PartnershipSummaryDto(p.Id, p.Title, string.Join(", ", p.Parties.Where(x => x.Kind == Domain.Agreements.PartyKind.Organisation).Select(x => x.Name)),
            p.TermStart, p.TermEnd, p.Ended, sums.GetValueOrDefault(p.Id)?.Paid ?? 0, sums.GetValueOrDefault(p.Id)?.Scheduled ?? 0)).ToList(), number, size, total);
    }

    /// <summary>Something due in one of the user's partnerships, for the start page and its API twin.</summary>
    /// <param name="Href">The page and form where the item is done.</param>
    public sealed record DueDto(Guid PartnershipId, string Title, string Text, DateOnly By, bool Overdue, DueKind Kind, string Href);

    /// <summary>
    /// What is due in the partnerships the user works in, late first, a page at a time: this week's
    /// meetings, follow-ups due and late, payments due or waiting for a follow-up, renewal dates, in
    /// the partnerships still running or ended within the last half year. Organisation
    /// representatives see what is theirs to do: meetings and reports. Committee members see what
    /// comes before their committee in the partnerships it decided: quarterly follow-ups to be
    /// presented and the latest date for deciding a renewal. Selected from the stored obligations by
    /// their dates, so the cost follows the page, not the partnerships' histories.
    /// </summary>
    public async Task<Page<DueDto>> DueAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Page<DueDto>.Clamp(page, pageSize ?? 20);
        var today = Swedish.Today(clock);
        IQueryable<Partnership> mine;
        var audience = Audience.Partnership;
        if (User.Role == Role.CommitteeMember)
        {
            // Committee members: the partnerships their own body decided, what is to come before it.
            var seat = await db.Users.AsNoTracking().Where(u => u.Id == User.UserId).Select(u => u.CommitteeId).FirstOrDefaultAsync(ct);
            mine = db.Partnerships.Where(p => p.TermEnd >= today && db.Agreements.Any(a => a.Id == p.AgreementId && db.Cases.Any(c => c.Id == a.CaseId && c.DecidingCommitteeId == seat)));
            audience = Audience.Committee;
        }
        else if (User.Role is Role.Official or Role.MunicipalAdministrator or Role.OrganisationRepresentative)
        {
            var since = today.AddMonths(-6);
            mine = db.Partnerships.Where(p => p.TermEnd >= since);
        }
        else
        {
            return new([], number, size, 0);
        }

        var ids = mine.Select(p => p.Id);
        var due = db.Obligations.AsNoTracking().Where(o => o.Audience == audience && o.ShowFrom <= today && o.HideAfter >= today && ids.Contains(o.PartnershipId));
        if (User.Role == Role.OrganisationRepresentative)
        {
            // Theirs to do, as the reminders have it; not the municipality's payments, renewal and reviews.
            var theirs = Enum.GetValues<DueKind>().Where(k => Domain.Deadlines.Reminders.ActorsOf(k, Audience.Partnership).HasFlag(Domain.Deadlines.Actors.Organisation)).ToList();
            due = due.Where(o => theirs.Contains(o.Kind));
        }

        var total = await due.CountAsync(ct);
        var rows = await due.Join(db.Partnerships, o => o.PartnershipId, p => p.Id, (o, p) => new { o.PartnershipId, p.Title, o.Text, o.By, o.Key, o.Kind })
            .OrderBy(x => x.By).ThenBy(x => x.PartnershipId).ThenBy(x => x.Key).Skip((number - 1) * size).Take(size)
            .ToListAsync(ct);
        var items = rows.Select(x => new DueDto(x.PartnershipId, x.Title, x.Text, x.By, x.By < today, x.Kind, DueLinks.Href(x.PartnershipId, x.Kind, x.Key))).ToList();
        return new(items, number, size, total);
    }

    /// <summary>
    /// A file for the partnership, by either party: someone else's partnership is not found whatever
    /// the file; the file is checked by content, stored by id with its SHA-256, and saved with the
    /// change that refers to it (or not at all).
    /// </summary>
    internal async Task<Partnership> AttachAsync(Guid id, IFormFile? file, PartnershipChange read, RecordKinds reads, Func<Partnership, IVersioned?> changes,
        Action<Partnership, AttachedFile> attach, CancellationToken ct)
    {
        _ = await db.Partnerships.AsNoTracking().Where(p => p.Id == id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct) ?? throw new RecordNotFoundException("Partnerskapet");
        var (bytes, format) = await Organisations.DocumentService.ReadCheckedAsync(file, ct);
        var attached = new AttachedFile(Guid.CreateVersion7(), Domain.Organisations.OrganisationDocument.SafeLabel(file!.FileName, format), format,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), Swedish.Today(clock), User.Name);
        return await ChangeAsync(id, read, reads, changes, manage: false, p =>
        {
            attach(p, attached);
            db.StoredFiles.Add(new StoredFile { Id = attached.Id, Content = bytes });
        }, ct);
    }

    /// <summary>A file of a partnership the user sees (a statement or a meeting's attachment), or null.</summary>
    public async Task<(string FileName, Domain.Organisations.FileFormat Format, byte[] Content)?> FileAsync(Guid id, Guid fileId, CancellationToken ct)
    {
        var p = await db.FindPartnershipAsync(id, RecordKinds.FollowUps | RecordKinds.Meetings, ct, tracking: false);
        if (p is null)
        {
            return null;
        }

        var files = p.FollowUps.SelectMany(f => f.Statements ?? []).Select(s => (s.Id, s.FileName, s.Format))
            .Concat(p.Meetings.SelectMany(m => m.Attachments ?? []).Select(a => (a.Id, a.FileName, a.Format)));
        foreach (var (fid, name, format) in files)
        {
            if (fid == fileId)
            {
                return (name, format, await db.StoredFiles.AsNoTracking().Where(f => f.Id == fileId).Select(f => f.Content).SingleAsync(ct));
            }
        }

        return null;
    }

    /// <summary>Key figures as typed ("1 760", "3,5"): a name and a number that is not negative.</summary>
    internal static Dictionary<string, decimal> Figures(List<KeyFigureInput>? inputs, string field)
    {
        var figures = new Dictionary<string, decimal>();
        foreach (var f in (inputs ?? []).OfType<KeyFigureInput>().Where(f => !string.IsNullOrWhiteSpace(f.Value))) // a named figure left empty is not reported
        {
            var name = Texts.Required(f.Name, "Ange nyckeltalets namn.", field, 100);
            var text = (f.Value ?? "").Replace(" ", "").Replace("\u00A0", "").Replace(',', '.');
            figures[name] = decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value <= 1_000_000_000m
                ? value : throw new DomainException($"Ange {name} som ett tal som inte är negativt.", field);
        }

        return figures;
    }

    public Task<Partnership> EndAsync(Guid id, EndInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.Payments | RecordKinds.FollowUps, Root, manage: true, p =>
    {
        if (input.Terminate is null)
        {
            throw new DomainException("Välj om partnerskapet avslutas efter avtalstiden eller hävs.", nameof(EndInput.Terminate));
        }

        if (input.Terminate.Value)
        {
            p.Terminate(input.On, input.Reason, User.Name, Swedish.Today(clock));
        }
        else
        {
            p.Close(input.Reason, User.Name, Swedish.Today(clock));
        }
    }, ct);

    /// <summary>The partnership's money per year from its case's commitments: the same figures the committees' frames count.</summary>
    public async Task<IReadOnlyList<YearMoneyDto>> MoneyByYearAsync(Guid agreementId, CancellationToken ct) =>
        await db.Agreements.AsNoTracking().Where(a => a.Id == agreementId).Join(db.Commitments, a => a.CaseId, x => x.CaseId, (a, x) => x)
            .GroupBy(x => x.Year).OrderBy(g => g.Key).Select(g => new YearMoneyDto(g.Key, g.Sum(x => x.Amount), g.Sum(x => x.Paid))).ToListAsync(ct);

    /// <summary>The partnership as it reads after a change (which read only the kinds of record its rules need), for the API's answer.</summary>
    public async Task<PartnershipDto> AnswerAsync(Partnership changed, CancellationToken ct) =>
        ToDto(await FindAsync(changed.Id, ct) ?? changed);

    public PartnershipDto ToDto(Partnership p) => new(p.Id, p.Version, p.AgreementId, p.Title, p.TermStart, p.TermEnd, p.Parties, p.SteeringGroup, p.MeetingSchedule(),
        p.Meetings.OrderByDescending(m => m.Date).ToList(),
        p.Payments.OrderBy(x => x.DueOn).Select(x => new PaymentDto(x.Id, x.Version, x.Year, x.DueOn, x.Amount, x.AwaitsFollowUpOf, x.PaidOn, x.Reference, x.PaidOn is null && !x.Cancelled ? p.Blocker(x) : null, x.Cancelled)).ToList(),
        p.FollowUps.OrderBy(f => f.Year).ToList(), p.FollowUpGatesPayment,
        p.BudgetLines.OrderBy(l => l.Year).ThenBy(l => p.Parties.ToList().FindIndex(x => x.Id == l.PartyId))
            .Select(l => new LineUseDto(l.Id, p.Parties.FirstOrDefault(x => x.Id == l.PartyId)?.Name ?? "", l.Year, l.Label, l.Budgeted, p.UsedOf(l.Id))).ToList(),
        p.Usage.OrderByDescending(u => u.From).ToList(), p.Claims, p.Surpluses.OrderBy(x => x.Year).ToList(), p.PaidSoFar,
        p.Coordination.OrderByDescending(c => c.Date).ToList(), p.Reviews.OrderByDescending(r => r.Date).ToList(),
        p.Quarterly.OrderByDescending(q => q.Year).ThenByDescending(q => q.Quarter).ToList(), p.Ended, PermissionsFor(User, p),
        p.KeyFigureNames, p.Activities.OrderByDescending(a => a.Date).Take(50).ToList(), p.Activities.Count, p.NightWalkRate,
        p.NightWalks.OrderByDescending(n => n.Date).Take(50).ToList(), p.NightWalkAccount(),
        p.SteeringChanges.OrderByDescending(c => c.On).ToList(), p.FollowUpCalendar(Swedish.Today(clock)), p.PaymentInterval, p.IntervalDecisions,
        p.Renegotiations.OrderByDescending(r => r.OpenedOn).ToList(), p.Amendments, p.Declined, p.RenewalCaseId, p.RenewalDialogueStarts, p.RenewLatest);

    /// <summary>
    /// One change to one partnership: found in the user's scope with the kinds of record its rules
    /// read, permitted (manage: the municipality's officials; otherwise either party), saved or left
    /// as it was. <paramref name="changes"/> names what existing thing the change alters (a record,
    /// or the partnership itself with <see cref="Root"/>) or null when it adds a record: altering
    /// needs the version the client read of that thing, and only that thing, so changes to
    /// different records never collide.
    /// </summary>
    internal async Task<Partnership> ChangeAsync(Guid id, PartnershipChange input, RecordKinds reads, Func<Partnership, IVersioned?> changes, bool manage,
        Action<Partnership> change, CancellationToken ct, Func<Partnership, Task>? alsoRead = null)
    {
        // One change of a partnership at a time: rules that span records (a claim within what was paid,
        // a payment after its approved follow-up) read and write under the partnership's lock.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.LockPartnershipAsync(id, ct);
        var p = await db.FindPartnershipAsync(id, reads, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        var may = PermissionsFor(User, p);
        if (manage ? !may.Manage : !may.Report)
        {
            throw new ScopeViolationException("Du har inte behörighet att göra det här i partnerskapet.");
        }

        if (alsoRead is not null)
        {
            await alsoRead(p); // the part of a kind the rules need (one quarter's meetings, one night's walks), tracked like the rest
        }

        var target = changes(p);
        Guid? read = null;
        if (target is not null)
        {
            read = input.Version ?? (target is IPartnershipRecord r && input.Versions.TryGetValue(r.Id, out var offered) ? offered : (Guid?)null)
                ?? throw new DomainException("Ange versionen du läste (version), så att ingen annans ändring skrivs över.", nameof(PartnershipChange.Version));
        }

        await db.SaveChangeAsync(() =>
        {
            change(p);
            switch (target)
            {
                case Partnership:
                    db.Entry(p).Property(x => x.Version).OriginalValue = read!.Value;
                    break;
                case IPartnershipRecord record:
                    db.SyncPartnershipRecords();
                    db.ExpectVersion(record, read!.Value);
                    break;
            }

            return Task.CompletedTask;
        }, ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return p;
    }
}

public static class PartnershipsApi
{
    public static void MapPartnershipsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships").WithTags("Partnerskap");
        group.MapGet("/", async Task<Ok<Page<PartnershipSummaryDto>>> (string? q, int? page, int? pageSize, PartnershipService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(q, page, pageSize, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Pågående och avslutade partnerskap du ser");
        group.MapGet("/due", async Task<Ok<Page<PartnershipService.DueDto>>> (int? page, int? pageSize, PartnershipService service, CancellationToken ct) =>
                TypedResults.Ok(await service.DueAsync(page, pageSize, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Det som ska göras i dina partnerskap, försenat först (samma som startsidan)");
        group.MapGet("/{id:guid}", async Task<Results<Ok<PartnershipDto>, ProblemHttpResult>> (Guid id, PartnershipService service, CancellationToken ct) =>
                await service.FindAsync(id, ct) is { } p ? TypedResults.Ok(service.ToDto(p)) : ApiErrors.NotFound("Partnerskapet"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Ett partnerskap: mötesplan, möten och beslut, utbetalningar, årsuppföljningar");
        group.MapGet("/{id:guid}/overview", async Task<Results<Ok<PartnershipOverviewDto>, ProblemHttpResult>> (Guid id, PartnershipService service, CancellationToken ct) =>
                await service.OverviewAsync(id, ct) is { } o ? TypedResults.Ok(o) : ApiErrors.NotFound("Partnerskapet"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Ett partnerskap i korthet: det som ska göras nu och en sammanfattning av möten, uppföljning, ekonomi och aktiviteter (samma som översiktssidan)");
        // Each kind of record as a paged list of its own, newest first, with each record's version for changing it.
        Records<SteeringMeeting>(group, "meetings", q => q.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id), "Styrgruppens möten");
        Records<Payment>(group, "payments", q => q.OrderByDescending(x => x.DueOn).ThenByDescending(x => x.Id), "Utbetalningsplanen");
        Records<YearlyFollowUp>(group, "follow-ups", q => q.OrderByDescending(x => x.Year), "Årsuppföljningarna");
        Records<QuarterlyReport>(group, "quarterly", q => q.OrderByDescending(x => x.Year).ThenByDescending(x => x.Quarter), "Kvartalsuppföljningarna");
        Records<TripartiteReview>(group, "reviews", q => q.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id), "Trepartssamtalen");
        Records<CoordinationMeeting>(group, "coordination", q => q.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id), "Samverkansmötena");
        Records<UsageReport>(group, "usage", q => q.OrderByDescending(x => x.From).ThenByDescending(x => x.Id), "Redovisningarna av använda medel");
        Records<RepaymentClaim>(group, "repayment-claims", q => q.OrderByDescending(x => x.ClaimedOn).ThenByDescending(x => x.Id), "Återbetalningskraven");
        Records<Surplus>(group, "surplus", q => q.OrderByDescending(x => x.Year), "Överskotten");
        Records<ActivityEntry>(group, "activities", q => q.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id), "Aktivitetsloggen");
        Records<NightWalk>(group, "night-walks", q => q.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id), "De vandrade nätterna");
        group.MapGet("/{id:guid}/files/{fileId:guid}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, Guid fileId, PartnershipService service, CancellationToken ct) =>
                await service.FileAsync(id, fileId, ct) is { } f ? TypedResults.File(f.Content, Domain.Organisations.FileFormats.ContentType(f.Format), f.FileName) : ApiErrors.NotFound("Filen"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Hämta en bifogad fil: resultat- eller balansräkning, eller ett mötes bilaga");
        group.Change<PartnershipService, EndInput>("/{id:guid}/end", Policies.CaseWork, "Häv partnerskapet (terminate=true, datum och skäl) eller avsluta det efter avtalstiden",
            (s, id, i, ct) => s.EndAsync(id, i, ct));
        // Each concern maps its own changes and reads.
        group.MapSteeringApi();
        group.MapFollowUpApi();
        group.MapMoneyApi();
        group.MapPartnershipExports();
        group.MapActivitiesApi();
    }

    private static void Records<T>(RouteGroupBuilder group, string kind, Func<IQueryable<T>, IOrderedQueryable<T>> order, string what) where T : class, IPartnershipRecord =>
        group.MapGet($"/{{id:guid}}/{kind}", async Task<Results<Ok<Page<T>>, ProblemHttpResult>> (Guid id, int? page, int? pageSize, PartnershipService service, CancellationToken ct) =>
                await service.RecordsAsync(id, order, page, pageSize, ct) is { } records ? TypedResults.Ok(records) : ApiErrors.NotFound("Partnerskapet"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary($"{what}, senaste först, en sida i taget");

    /// <summary>A change of a partnership by one of its concerns' services, answered with the partnership as it now reads.</summary>
    internal static RouteHandlerBuilder Change<TService, TInput>(this RouteGroupBuilder group, string route, string policy, string summary,
        Func<TService, Guid, TInput, CancellationToken, Task<Partnership>> change)
        where TService : notnull where TInput : PartnershipChange =>
        group.MapChange(route, policy, summary, change, (services, p, ct) => services.GetRequiredService<PartnershipService>().AnswerAsync(p, ct));
}
