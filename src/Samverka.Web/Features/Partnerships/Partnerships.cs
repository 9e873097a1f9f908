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

public sealed class ObjectionInput
{
    public string? Member { get; set; }
    public string? Reason { get; set; }
}

public sealed class DecisionProposalInput
{
    public string? Text { get; set; }
    public List<ObjectionInput> Objections { get; set; } = [];
}

public sealed class MeetingInput : PartnershipChange
{
    public DateOnly? Date { get; set; }
    public MeetingKind Kind { get; set; } = MeetingKind.Ordinary;
    public string? Agenda { get; set; }
    public List<string> Present { get; set; } = [];
    public string? Minutes { get; set; }
    public List<DecisionProposalInput> Decisions { get; set; } = [];
}

public sealed class KeyFigureInput
{
    public string? Name { get; set; }
    public string? Value { get; set; }
}

public sealed class FollowUpInput : PartnershipChange
{
    public int? Year { get; set; }
    public string? Description { get; set; }
    public List<KeyFigureInput> KeyFigures { get; set; } = [];

    /// <summary>From the income statement and the balance sheet, as typed ("1 020 tkr", "-15 000 kr").</summary>
    public string? Revenue { get; set; }
    public string? Expenses { get; set; }
    public string? Assets { get; set; }
    public string? Equity { get; set; }
}

public sealed class AssessmentInput : PartnershipChange
{
    public int? Year { get; set; }
    public Assessment? Assessment { get; set; }
    public string? Reason { get; set; }
}

public sealed class PaidInput : PartnershipChange
{
    public Guid? PaymentId { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? Reference { get; set; }
}

public sealed class UsageLineInput
{
    public Guid LineId { get; set; }
    public string? Used { get; set; }
}

public sealed class UsageInput : PartnershipChange
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public List<UsageLineInput> Lines { get; set; } = [];
}

public sealed class ClaimInput : PartnershipChange
{
    public string? Amount { get; set; }
    public bool Full { get; set; }
    public RepaymentReason? Reason { get; set; }
    public string? Explanation { get; set; }
}

public sealed class SettleInput : PartnershipChange
{
    public Guid? ClaimId { get; set; }
    public DateOnly? SettledOn { get; set; }
    public string? SettledAmount { get; set; }
    public string? Reference { get; set; }
}

public sealed class SurplusInput : PartnershipChange
{
    public int? Year { get; set; }
    public string? Amount { get; set; }
    public string? Purpose { get; set; }
}

public sealed class CoordinationInput : PartnershipChange
{
    public DateOnly? Date { get; set; }
    public string? ReferringUnit { get; set; }
    public string? Participants { get; set; }
    public string? Outcome { get; set; }
}

public sealed class ReviewInput : PartnershipChange
{
    public DateOnly? Date { get; set; }
    public string? Participants { get; set; }
    public string? Activities { get; set; }
}

public sealed class QuarterlyInput : PartnershipChange
{
    public int? Year { get; set; }
    public int? Quarter { get; set; }
    public string? Completion { get; set; }
    public DateOnly? PresentedToCommittee { get; set; }
    public DateOnly? PresentedToBoard { get; set; }
}

public sealed class ActivityInput : PartnershipChange
{
    public DateOnly? Date { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public List<KeyFigureInput> Figures { get; set; } = [];
}

public sealed class RateInput : PartnershipChange
{
    public string? Rate { get; set; }
}

public sealed class WalkGroupInput
{
    public string? Association { get; set; }
    public int? Walkers { get; set; }
}

public sealed class NightWalkInput : PartnershipChange
{
    public DateOnly? Date { get; set; }
    public string? Area { get; set; }
    public List<WalkGroupInput> Groups { get; set; } = [];
    public bool AllAdults { get; set; }
}

public sealed class MeetingFileInput : PartnershipChange
{
    public Guid? MeetingId { get; set; }
}

public sealed class StatementInput : PartnershipChange
{
    public int? Year { get; set; }
    public StatementKind? Kind { get; set; }
}

public sealed class SteeringMemberInput : PartnershipChange
{
    public Guid? PartyId { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public DateOnly? On { get; set; }
}

public sealed class SteeringLeaveInput : PartnershipChange
{
    public string? Name { get; set; }
    public string? Reason { get; set; }
    public DateOnly? On { get; set; }
}

public sealed class IntervalInput : PartnershipChange
{
    public Domain.Guidelines.Interval? Interval { get; set; }
    public string? Decision { get; set; }
}

public sealed class EndInput : PartnershipChange
{
    /// <summary>Terminate (hävning) on this date; empty closes a partnership whose term has run out.</summary>
    public bool Terminate { get; set; }
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
        return rows.Select(o => new DueItem(o.Kind, o.Text, o.By, o.By < today)).ToList();
    }

    /// <summary>How many activities and night walks are logged.</summary>
    public async Task<(int Activities, int NightWalks)> CountsAsync(Guid id, CancellationToken ct) =>
        (await db.RecordsOf<ActivityEntry>(id).CountAsync(ct), await db.RecordsOf<NightWalk>(id).CountAsync(ct));

    /// <summary>A page of the steering group's meetings, latest first, with how many there are and the dates of all held (for the meeting plan).</summary>
    public async Task<(IReadOnlyList<SteeringMeeting> Items, int Total, IReadOnlySet<DateOnly> Held)> MeetingsAsync(Guid id, int page, int size, CancellationToken ct)
    {
        var meetings = db.RecordsOf<SteeringMeeting>(id).AsNoTracking();
        var held = (await meetings.Select(m => m.Date).ToListAsync(ct)).ToHashSet();
        var items = await meetings.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return (items, await meetings.CountAsync(ct), held);
    }

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
        if (!string.IsNullOrWhiteSpace(query))
        {
            var term = query.Trim().ToLowerInvariant();
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
    public sealed record DueDto(Guid PartnershipId, string Title, string Text, DateOnly By, bool Overdue);

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
            // Theirs to do; not the municipality's payments and renewal.
            due = due.Where(o => o.Kind == DueKind.Meeting || o.Kind == DueKind.YearlyFollowUp || o.Kind == DueKind.QuarterlyFollowUp);
        }

        var total = await due.CountAsync(ct);
        var items = await due.Join(db.Partnerships, o => o.PartnershipId, p => p.Id, (o, p) => new { o.PartnershipId, p.Title, o.Text, o.By, o.Key })
            .OrderBy(x => x.By).ThenBy(x => x.PartnershipId).ThenBy(x => x.Key).Skip((number - 1) * size).Take(size)
            .Select(x => new DueDto(x.PartnershipId, x.Title, x.Text, x.By, x.By < today))
            .ToListAsync(ct);
        return new(items, number, size, total);
    }

    public Task<Partnership> RecordMeetingAsync(Guid id, MeetingInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.None, Adds, manage: true, p =>
        p.RecordMeeting(input.Date, input.Kind, input.Agenda, input.Present ?? [], input.Minutes,
            (input.Decisions ?? []).OfType<DecisionProposalInput>().Select(d => new ProposedDecision(d.Text,
                (d.Objections ?? []).OfType<ObjectionInput>().Where(o => !string.IsNullOrWhiteSpace(o.Member)).Select(o => new Objection(o.Member!.Trim(), o.Reason ?? "")).ToList())).ToList(),
            User.Name, clock.GetUtcNow()), ct);

    public Task<Partnership> SubmitFollowUpAsync(Guid id, FollowUpInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.FollowUps,
        p => p.FollowUps.FirstOrDefault(f => f.Year == input.Year), manage: false, p =>
    {
        decimal? Amount(string? text, string field) => string.IsNullOrWhiteSpace(text) ? null : Swedish.ParseKronor(text, field);
        var (revenue, expenses, assets, equity) = (Amount(input.Revenue, nameof(FollowUpInput.Revenue)), Amount(input.Expenses, nameof(FollowUpInput.Expenses)),
            Amount(input.Assets, nameof(FollowUpInput.Assets)), Amount(input.Equity, nameof(FollowUpInput.Equity)));
        var finances = revenue is { } r && expenses is { } e && assets is { } a && equity is { } q ? new Finances(r, e, a, q) : null; // the domain says what is missing
        p.SubmitFollowUp(input.Year ?? throw new DomainException("Ange år.", nameof(FollowUpInput.Year)), input.Description, Figures(input.KeyFigures, "KeyFigures"),
            finances, User.Name, Swedish.Today(clock));
    }, ct);

    /// <summary>The income statement or balance sheet of a year's report.</summary>
    public Task<Partnership> AttachStatementAsync(Guid id, int? year, StatementKind? kind, IFormFile? file, PartnershipChange read, CancellationToken ct) =>
        AttachAsync(id, file, read, RecordKinds.FollowUps, p => p.FollowUps.FirstOrDefault(f => f.Year == year), (p, f) => p.AttachStatement(year ?? throw new DomainException("Ange år.", "Year"), kind ?? 0, f.Id, f.FileName, f.Format, f.Sha256, f.AttachedBy, f.AttachedOn), ct);

    /// <summary>A file for a recorded meeting, such as the signed minutes.</summary>
    public Task<Partnership> AttachToMeetingAsync(Guid id, Guid? meetingId, IFormFile? file, PartnershipChange read, CancellationToken ct) =>
        AttachAsync(id, file, read, RecordKinds.Meetings, p => p.Meetings.FirstOrDefault(m => m.Id == meetingId), (p, f) => p.AttachToMeeting(meetingId ?? Guid.Empty, f), ct);

    /// <summary>
    /// A file for the partnership, by either party: someone else's partnership is not found whatever
    /// the file; the file is checked by content, stored by id with its SHA-256, and saved with the
    /// change that refers to it (or not at all).
    /// </summary>
    private async Task<Partnership> AttachAsync(Guid id, IFormFile? file, PartnershipChange read, RecordKinds reads, Func<Partnership, IVersioned?> changes,
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
    private static Dictionary<string, decimal> Figures(List<KeyFigureInput>? inputs, string field)
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

    public Task<Partnership> LogActivityAsync(Guid id, ActivityInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.None, Adds, manage: false, p =>
        p.LogActivity(input.Date, input.Title, input.Description, Figures(input.Figures, "Figures"), User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> SetNightWalkRateAsync(Guid id, RateInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.None, Root, manage: true, p =>
        p.SetNightWalkRate(string.IsNullOrWhiteSpace(input.Rate) ? null : Swedish.ParseKronor(input.Rate, nameof(RateInput.Rate))), ct);

    /// <summary>A night walked; the rule against registering a night twice reads only that night's walks.</summary>
    public Task<Partnership> RecordNightWalkAsync(Guid id, NightWalkInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.None, Adds, manage: false, p =>
        p.RecordNightWalk(input.Date, input.Area,
            (input.Groups ?? []).OfType<WalkGroupInput>().Where(g => !string.IsNullOrWhiteSpace(g.Association) || g.Walkers is not null)
                .Select(g => new WalkGroup(g.Association ?? "", g.Walkers ?? 0)).ToList(),
            input.AllAdults, User.Name, Swedish.Today(clock)), ct,
        alsoRead: async p => p.Load(nightWalks: await db.RecordsOf<NightWalk>(id).Where(n => n.Date == input.Date).ToListAsync(ct)));

    /// <summary>The open account of night walks (which associations received how much) as CSV: counts and money only, for publication.</summary>
    public static string NightWalkAccountCsv(Partnership p, int? year)
    {
        var csv = new StringBuilder("Förening;Nätter;Vandrarnätter;Ersättning (kr)\r\n");
        foreach (var row in p.NightWalkAccount(year))
        {
            csv.Append(Cell(row.Association)).Append(';').Append(row.Nights.ToString(CultureInfo.InvariantCulture)).Append(';')
                .Append(row.WalkerNights.ToString(CultureInfo.InvariantCulture)).Append(';')
                .Append(row.Amount.ToString("0.00", CultureInfo.GetCultureInfo("sv-SE"))).Append("\r\n");
        }

        return csv.ToString();
    }

    public Task<Partnership> AssessFollowUpAsync(Guid id, AssessmentInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.FollowUps,
        p => p.FollowUps.FirstOrDefault(f => f.Year == input.Year), manage: true, p =>
        p.AssessFollowUp(input.Year ?? throw new DomainException("Ange år.", nameof(AssessmentInput.Year)), input.Assessment, input.Reason, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> MarkPaidAsync(Guid id, PaidInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.Payments | RecordKinds.FollowUps,
        p => p.Payments.FirstOrDefault(x => x.Id == input.PaymentId), manage: true, p =>
        p.MarkPaid(input.PaymentId ?? throw new DomainException("Välj utbetalning.", nameof(PaidInput.PaymentId)), input.PaidOn, input.Reference, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> ReportUsageAsync(Guid id, UsageInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.Usage, Adds, manage: false, p =>
    {
        var used = new Dictionary<Guid, decimal>();
        foreach (var line in (input.Lines ?? []).OfType<UsageLineInput>().Where(l => !string.IsNullOrWhiteSpace(l.Used)))
        {
            used[line.LineId] = Swedish.ParseKronor(line.Used, nameof(UsageInput.Lines));
        }

        p.ReportUsage(input.From, input.To, used, User.Name, Swedish.Today(clock));
    }, ct);

    public Task<Partnership> ClaimRepaymentAsync(Guid id, ClaimInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.Payments | RecordKinds.Claims, Adds, manage: true, p =>
        p.ClaimRepayment(input.Full || string.IsNullOrWhiteSpace(input.Amount) ? null : Swedish.ParseKronor(input.Amount, nameof(ClaimInput.Amount)),
            input.Full, input.Reason, input.Explanation, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> SettleClaimAsync(Guid id, SettleInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.Claims,
        p => p.Claims.FirstOrDefault(c => c.Id == input.ClaimId), manage: true, p =>
        p.SettleClaim(input.ClaimId ?? throw new DomainException("Välj krav.", nameof(SettleInput.ClaimId)), input.SettledOn,
            string.IsNullOrWhiteSpace(input.SettledAmount) ? null : Swedish.ParseKronor(input.SettledAmount, nameof(SettleInput.SettledAmount)), input.Reference, Swedish.Today(clock)), ct);

    public Task<Partnership> RecordSurplusAsync(Guid id, SurplusInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.Surpluses,
        p => p.Surpluses.FirstOrDefault(x => x.Year == input.Year), manage: true, p =>
        p.RecordSurplus(input.Year ?? throw new DomainException("Ange år.", nameof(SurplusInput.Year)),
            string.IsNullOrWhiteSpace(input.Amount) ? null : Swedish.ParseKronor(input.Amount, nameof(SurplusInput.Amount)), input.Purpose, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> RecordCoordinationAsync(Guid id, CoordinationInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.None, Adds, manage: true, p =>
        p.RecordCoordination(input.Date, input.ReferringUnit, input.Participants, input.Outcome, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> RecordReviewAsync(Guid id, ReviewInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.Usage, Adds, manage: false, p =>
        p.RecordReview(input.Date, input.Participants, input.Activities, User.Name, Swedish.Today(clock)), ct);

    /// <summary>Saves the quarterly follow-up (draft plus completion) and, when given, the dates it was presented.</summary>
    public Task<Partnership> SaveQuarterlyAsync(Guid id, QuarterlyInput input, CancellationToken ct) => ChangeAsync(id, input, QuarterReads & ~RecordKinds.Meetings,
        p => p.Quarterly.FirstOrDefault(q => q.Year == input.Year && q.Quarter == input.Quarter), manage: true, p =>
    {
        var (year, quarter) = (input.Year ?? throw new DomainException("Ange år.", nameof(QuarterlyInput.Year)),
            input.Quarter ?? throw new DomainException("Ange kvartal.", nameof(QuarterlyInput.Quarter)));
        p.SaveQuarterly(year, quarter, input.Completion, User.Name, Swedish.Today(clock));
        if (input.PresentedToCommittee is not null || input.PresentedToBoard is not null)
        {
            p.RecordPresented(year, quarter, input.PresentedToCommittee, input.PresentedToBoard, Swedish.Today(clock));
        }
    }, ct, alsoRead: async p =>
    {
        // The draft reads the quarter's meetings only.
        if (input.Year is { } year && input.Quarter is { } quarter)
        {
            var (from, to) = p.QuarterDates(year, quarter);
            p.Load(meetings: await db.RecordsOf<SteeringMeeting>(id).Where(m => m.Date >= from && m.Date <= to).ToListAsync(ct));
        }
    });

    /// <summary>A quarter's follow-up as drafted now, from that quarter's meetings and the partnership's reviews, coordination and usage.</summary>
    public async Task<string> DraftAsync(Guid id, int year, int quarter, CancellationToken ct)
    {
        var p = await FindAsync(id, QuarterReads & ~RecordKinds.Meetings, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        var (from, to) = p.QuarterDates(year, quarter);
        p.Load(meetings: await db.RecordsOf<SteeringMeeting>(id).AsNoTracking().Where(m => m.Date >= from && m.Date <= to).ToListAsync(ct));
        return p.DraftQuarter(year, quarter);
    }

    /// <summary>The agreement's key figures summed from one year's activity log, and the nights walked that year where there are night walks.</summary>
    public async Task<IReadOnlyDictionary<string, decimal>> YearFiguresAsync(Guid id, int year, CancellationToken ct)
    {
        var p = await FindAsync(id, RecordKinds.None, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        p.Load(activities: await db.RecordsOf<ActivityEntry>(id).AsNoTracking().Where(a => a.Date >= from && a.Date <= to).ToListAsync(ct),
            nightWalks: await db.RecordsOf<NightWalk>(id).AsNoTracking().Where(n => n.Date >= from && n.Date <= to).ToListAsync(ct));
        var figures = p.KeyFigureTotals(year).ToDictionary();
        if (p.NightWalks.Count > 0 && !figures.Keys.Any(k => k.Equals(Partnership.NightsWalked, StringComparison.OrdinalIgnoreCase)))
        {
            figures[Partnership.NightsWalked] = p.NightWalks.Count;
        }

        return figures;
    }

    /// <summary>What the quarterly follow-up is drafted from.</summary>
    internal const RecordKinds QuarterReads = RecordKinds.Quarterly | RecordKinds.Meetings | RecordKinds.Coordination | RecordKinds.Reviews | RecordKinds.Usage;

    public Task<Partnership> AddSteeringMemberAsync(Guid id, SteeringMemberInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.None, Root, manage: true, p =>
        p.AddSteeringMember(input.PartyId ?? Guid.Empty, input.Name, input.Role, input.On, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> RemoveSteeringMemberAsync(Guid id, SteeringLeaveInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.None, Root, manage: true, p =>
        p.RemoveSteeringMember(input.Name, input.Reason, input.On, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> ChangeIntervalAsync(Guid id, IntervalInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.Payments, Root, manage: true, p =>
        p.ChangePaymentInterval(input.Interval, input.Decision, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> EndAsync(Guid id, EndInput input, CancellationToken ct) => ChangeAsync(id, input, RecordKinds.Payments | RecordKinds.FollowUps, Root, manage: true, p =>
    {
        if (input.Terminate)
        {
            p.Terminate(input.On, input.Reason, User.Name, Swedish.Today(clock));
        }
        else
        {
            p.Close(input.Reason, User.Name, Swedish.Today(clock));
        }
    }, ct);

    /// <summary>One payment falling due, as the finance system needs it.</summary>
    public sealed record DuePayment(string Partnership, string? Organisation, string? OrgNumber, int Year, DateOnly DueOn, decimal Amount, string? Blocker);

    public static readonly IReadOnlyList<string> DueHeaders = ["Partnerskap", "Organisation", "Organisationsnummer", "År", "Förfallodag", "Belopp", "Kan betalas", "Väntar på"];

    /// <summary>Unpaid payments due by <paramref name="until"/> in the actor's partnerships, for the finance system.</summary>
    public async Task<IReadOnlyList<DuePayment>> DuePaymentsAsync(DateOnly until, CancellationToken ct)
    {
        // The payments by their index on the due date; of each partnership only its title and parties, and whether the follow-up a payment waits for is approved.
        var followUps = db.Set<YearlyFollowUp>().AsNoTracking();
        var rows = await db.Set<Payment>().AsNoTracking().Where(x => x.PaidOn == null && !x.Cancelled && x.DueOn <= until)
            .Join(db.Partnerships.AsNoTracking().Where(p => p.Ended == null), x => EF.Property<Guid>(x, PartnershipRecordTables.PartnershipId), p => p.Id, (x, p) => new
            {
                p.Title, p.Parties, x.Year, x.DueOn, x.Amount, x.AwaitsFollowUpOf,
                Approved = followUps.Any(f => EF.Property<Guid>(f, PartnershipRecordTables.PartnershipId) == p.Id && f.Year == x.AwaitsFollowUpOf && f.Assessment == Assessment.Approved),
            })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var organisation = r.Parties.FirstOrDefault(x => x.Kind == Domain.Agreements.PartyKind.Organisation);
            return new DuePayment(r.Title, organisation?.Name, organisation?.OrgNumber, r.Year, r.DueOn, r.Amount, Partnership.BlockerOf(r.AwaitsFollowUpOf, r.Approved));
        }).OrderBy(d => d.DueOn).ThenBy(d => d.Partnership, StringComparer.Ordinal).ToList();
    }

    /// <summary>The due payments as CSV with Swedish headings, semicolon-separated as Swedish Excel expects.</summary>
    public static string DuePaymentsCsv(IReadOnlyList<DuePayment> payments)
    {
        var csv = new StringBuilder(string.Join(";", DueHeaders) + "\r\n");
        foreach (var d in payments)
        {
            csv.Append(Cell(d.Partnership)).Append(';').Append(Cell(d.Organisation)).Append(';').Append(d.OrgNumber).Append(';')
                .Append(d.Year.ToString(CultureInfo.InvariantCulture)).Append(';').Append(Swedish.Date(d.DueOn)).Append(';')
                .Append(d.Amount.ToString("0.00", CultureInfo.GetCultureInfo("sv-SE"))).Append(';').Append(d.Blocker is null ? "ja" : "nej").Append(';')
                .Append(Cell(d.Blocker)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>The same rows as an Excel workbook.</summary>
    public static byte[] DuePaymentsXlsx(IReadOnlyList<DuePayment> payments) =>
        Documents.Spreadsheet.Write("Utbetalningar", DueHeaders, payments.Select(d => (IReadOnlyList<object?>)
            [d.Partnership, d.Organisation, d.OrgNumber, d.Year, d.DueOn, d.Amount, d.Blocker is null ? "ja" : "nej", d.Blocker]));

    private static string Cell(string? text)
    {
        var value = text ?? "";
        // A leading = + - @ would be read as a formula by spreadsheet programs.
        if (value.Length > 0 && "=+-@".Contains(value[0]))
        {
            value = "'" + value;
        }

        return value.Contains(';') || value.Contains('"') || value.Contains('\n') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>The partnership as it reads after a change (which read only the kinds of record its rules need), for the API's answer.</summary>
    public async Task<PartnershipDto> AfterAsync(Task<Partnership> change)
    {
        var changed = await change;
        return ToDto(await FindAsync(changed.Id, CancellationToken.None) ?? changed);
    }

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
        Change<MeetingInput>(group, "/{id:guid}/meetings", Policies.CaseWork, "Registrera ett styrgruppsmöte (beslut endast i enighet, med varje part närvarande)",
            (s, id, i, ct) => s.RecordMeetingAsync(id, i, ct));
        Change<FollowUpInput>(group, "/{id:guid}/follow-ups", Policies.SignedIn, "Lämna årsuppföljningen (organisationen)", (s, id, i, ct) => s.SubmitFollowUpAsync(id, i, ct));
        group.MapPost("/{id:guid}/follow-ups/{year:int}/statements", async Task<Ok<PartnershipDto>> (Guid id, int year, [FromForm] string? kind, [FromForm] Guid? version, IFormFile? file,
                PartnershipService service, CancellationToken ct) => TypedResults.Ok(await service.AfterAsync(service.AttachStatementAsync(id, year,
                    Enum.TryParse<StatementKind>(kind, out var k) && Enum.IsDefined(k) ? k : null, file, new StatementInput { Version = version }, ct))))
            .RequireAuthorization(Policies.SignedIn)
            .DisableAntiforgery()
            .WithSummary("Bifoga resultaträkningen eller balansräkningen till årsuppföljningen (multipart: kind, file)");
        group.MapPost("/{id:guid}/meetings/{meetingId:guid}/attachments", async Task<Ok<PartnershipDto>> (Guid id, Guid meetingId, [FromForm] Guid? version, IFormFile? file,
                PartnershipService service, CancellationToken ct) => TypedResults.Ok(await service.AfterAsync(service.AttachToMeetingAsync(id, meetingId, file, new MeetingFileInput { Version = version }, ct))))
            .RequireAuthorization(Policies.SignedIn)
            .DisableAntiforgery()
            .WithSummary("Bifoga en fil till ett styrgruppsmöte, till exempel justerat protokoll (multipart: file)");
        group.MapGet("/{id:guid}/files/{fileId:guid}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, Guid fileId, PartnershipService service, CancellationToken ct) =>
                await service.FileAsync(id, fileId, ct) is { } f ? TypedResults.File(f.Content, Domain.Organisations.FileFormats.ContentType(f.Format), f.FileName) : ApiErrors.NotFound("Filen"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Hämta en bifogad fil: resultat- eller balansräkning, eller ett mötes bilaga");
        Change<AssessmentInput>(group, "/{id:guid}/follow-ups/assessment", Policies.CaseWork, "Bedöm årsuppföljningen", (s, id, i, ct) => s.AssessFollowUpAsync(id, i, ct));
        Change<PaidInput>(group, "/{id:guid}/payments/paid", Policies.CaseWork, "Markera en utbetalning som gjord", (s, id, i, ct) => s.MarkPaidAsync(id, i, ct));
        Change<UsageInput>(group, "/{id:guid}/usage", Policies.SignedIn, "Redovisa använda medel per budgetrad för en period", (s, id, i, ct) => s.ReportUsageAsync(id, i, ct));
        Change<ClaimInput>(group, "/{id:guid}/repayment-claims", Policies.CaseWork, "Kräv återbetalning (helt eller delvis)", (s, id, i, ct) => s.ClaimRepaymentAsync(id, i, ct));
        Change<SettleInput>(group, "/{id:guid}/repayment-claims/settled", Policies.CaseWork, "Registrera att ett återbetalningskrav är reglerat", (s, id, i, ct) => s.SettleClaimAsync(id, i, ct));
        Change<SurplusInput>(group, "/{id:guid}/surplus", Policies.CaseWork, "Registrera ett överskott som förs till samma eller liknande ändamål", (s, id, i, ct) => s.RecordSurplusAsync(id, i, ct));
        Change<CoordinationInput>(group, "/{id:guid}/coordination", Policies.CaseWork, "Registrera ett samverkansmöte (remittering eller oklarhet)", (s, id, i, ct) => s.RecordCoordinationAsync(id, i, ct));
        Change<ReviewInput>(group, "/{id:guid}/reviews", Policies.SignedIn, "Registrera ett trepartssamtal (aktiviteter och använda medel hittills)", (s, id, i, ct) => s.RecordReviewAsync(id, i, ct));
        Change<QuarterlyInput>(group, "/{id:guid}/quarterly", Policies.CaseWork, "Spara kvartalsuppföljningen (utkastet plus styrgruppens komplettering) och när den presenterades",
            (s, id, i, ct) => s.SaveQuarterlyAsync(id, i, ct));
        group.MapGet("/{id:guid}/quarterly/{year:int}/{quarter:int}/draft", async Task<Ok<string>> (Guid id, int year, int quarter, PartnershipService service, CancellationToken ct) =>
                TypedResults.Ok(await service.DraftAsync(id, year, quarter, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Utkastet till kvartalsuppföljningen, byggt av kvartalets möten, samtal och använda medel");
        Change<ActivityInput>(group, "/{id:guid}/activities", Policies.SignedIn, "Logga en aktivitet med överenskommelsens nyckeltal", (s, id, i, ct) => s.LogActivityAsync(id, i, ct));
        Change<RateInput>(group, "/{id:guid}/night-walks/rate", Policies.CaseWork, "Ersättning per förening och vandrad natt", (s, id, i, ct) => s.SetNightWalkRateAsync(id, i, ct));
        Change<NightWalkInput>(group, "/{id:guid}/night-walks", Policies.SignedIn, "Registrera en vandrad natt: område och antal vuxna vandrare per förening (inga namn)",
            (s, id, i, ct) => s.RecordNightWalkAsync(id, i, ct));
        group.MapGet("/{id:guid}/night-walks/account.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, int? year, PartnershipService service, CancellationToken ct) =>
                await service.FindAsync(id, ct) is { } p
                    ? TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(PartnershipService.NightWalkAccountCsv(p, year))).ToArray(), "text/csv; charset=utf-8", "oppen-redovisning-nattvandring.csv")
                    : ApiErrors.NotFound("Partnerskapet"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Öppen redovisning av nattvandringen: vilka föreningar som fått hur mycket (för publicering, inga personuppgifter)");
        Change<SteeringMemberInput>(group, "/{id:guid}/steering-group", Policies.CaseWork, "Ny ledamot i styrgruppen från ett datum (ändringen sparas i historiken)",
            (s, id, i, ct) => s.AddSteeringMemberAsync(id, i, ct));
        Change<SteeringLeaveInput>(group, "/{id:guid}/steering-group/left", Policies.CaseWork, "En ledamot lämnar styrgruppen (varje part behåller minst en)",
            (s, id, i, ct) => s.RemoveSteeringMemberAsync(id, i, ct));
        Change<IntervalInput>(group, "/{id:guid}/payments/interval", Policies.CaseWork, "Betala ut med ett annat intervall efter beslut; det som inte betalats fördelas på kommande perioder",
            (s, id, i, ct) => s.ChangeIntervalAsync(id, i, ct));
        Change<EndInput>(group, "/{id:guid}/end", Policies.CaseWork, "Häv partnerskapet (terminate=true, datum och skäl) eller avsluta det efter avtalstiden", (s, id, i, ct) => s.EndAsync(id, i, ct));
        group.MapGet("/payments/due.csv", async Task<FileContentHttpResult> (DateOnly? until, PartnershipService service, TimeProvider clock, CancellationToken ct) =>
                TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(PartnershipService.DuePaymentsCsv(
                    await service.DuePaymentsAsync(until ?? Swedish.Today(clock).AddDays(30), ct)))).ToArray(), "text/csv; charset=utf-8", "utbetalningar.csv"))
            .RequireAuthorization(Policies.CaseWork)
            .WithSummary("Utbetalningar som förfaller (standard: inom 30 dagar) och inte är gjorda, som CSV för ekonomisystemet");
        group.MapGet("/payments/due.xlsx", async Task<FileContentHttpResult> (DateOnly? until, PartnershipService service, TimeProvider clock, CancellationToken ct) =>
                TypedResults.File(PartnershipService.DuePaymentsXlsx(await service.DuePaymentsAsync(until ?? Swedish.Today(clock).AddDays(30), ct)),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "utbetalningar.xlsx"))
            .RequireAuthorization(Policies.CaseWork)
            .WithSummary("Samma utbetalningar som Excel-arbetsbok");
    }

    private static void Records<T>(RouteGroupBuilder group, string kind, Func<IQueryable<T>, IOrderedQueryable<T>> order, string what) where T : class, IPartnershipRecord =>
        group.MapGet($"/{{id:guid}}/{kind}", async Task<Results<Ok<Page<T>>, ProblemHttpResult>> (Guid id, int? page, int? pageSize, PartnershipService service, CancellationToken ct) =>
                await service.RecordsAsync(id, order, page, pageSize, ct) is { } records ? TypedResults.Ok(records) : ApiErrors.NotFound("Partnerskapet"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary($"{what}, senaste först, en sida i taget");

    private static void Change<TInput>(RouteGroupBuilder group, string route, string policy, string summary,
        Func<PartnershipService, Guid, TInput, CancellationToken, Task<Partnership>> change)
        where TInput : PartnershipChange =>
        group.MapPost(route, async Task<Ok<PartnershipDto>> (Guid id, [FromBody] TInput input, PartnershipService service, CancellationToken ct) =>
                TypedResults.Ok(await service.AfterAsync(change(service, id, input, ct))))
            .RequireAuthorization(policy)
            .WithSummary(summary);
}
