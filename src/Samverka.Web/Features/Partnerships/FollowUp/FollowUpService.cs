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

namespace Samverka.Web.Features.Partnerships.FollowUp;


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

public sealed class StatementInput : PartnershipChange
{
    public int? Year { get; set; }
    public StatementKind? Kind { get; set; }
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
/// <summary>Follow-up: the yearly report with its statements and assessment, the quarterly follow-up and its draft, tripartite reviews and coordination meetings.</summary>
public sealed class FollowUpService(SamverkaDbContext db, PartnershipService partnerships, CurrentUserAccessor me, TimeProvider clock)
{
    private CurrentUser User => me.User;

    public Task<Partnership> SubmitFollowUpAsync(Guid id, FollowUpInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.FollowUps,
        p => p.FollowUps.FirstOrDefault(f => f.Year == input.Year), manage: false, p =>
    {
        decimal? Amount(string? text, string field) => string.IsNullOrWhiteSpace(text) ? null : Swedish.ParseKronor(text, field);
        var (revenue, expenses, assets, equity) = (Amount(input.Revenue, nameof(FollowUpInput.Revenue)), Amount(input.Expenses, nameof(FollowUpInput.Expenses)),
            Amount(input.Assets, nameof(FollowUpInput.Assets)), Amount(input.Equity, nameof(FollowUpInput.Equity)));
        var finances = revenue is { } r && expenses is { } e && assets is { } a && equity is { } q ? new Finances(r, e, a, q) : null; // the domain says what is missing
        p.SubmitFollowUp(input.Year ?? throw new DomainException("Ange år.", nameof(FollowUpInput.Year)), input.Description, PartnershipService.Figures(input.KeyFigures, "KeyFigures"),
            finances, User.Name, Swedish.Today(clock));
    }, ct);

    /// <summary>The income statement or balance sheet of a year's report.</summary>
    public Task<Partnership> AttachStatementAsync(Guid id, int? year, StatementKind? kind, IFormFile? file, PartnershipChange read, CancellationToken ct) =>
        partnerships.AttachAsync(id, file, read, RecordKinds.FollowUps, p => p.FollowUps.FirstOrDefault(f => f.Year == year), (p, f) => p.AttachStatement(year ?? throw new DomainException("Ange år.", "Year"), kind ?? 0, f.Id, f.FileName, f.Format, f.Sha256, f.AttachedBy, f.AttachedOn), ct);

    public Task<Partnership> AssessFollowUpAsync(Guid id, AssessmentInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.FollowUps,
        p => p.FollowUps.FirstOrDefault(f => f.Year == input.Year), manage: true, p =>
        p.AssessFollowUp(input.Year ?? throw new DomainException("Ange år.", nameof(AssessmentInput.Year)), input.Assessment, input.Reason, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> RecordCoordinationAsync(Guid id, CoordinationInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.None, PartnershipService.Adds, manage: true, p =>
        p.RecordCoordination(input.Date, input.ReferringUnit, input.Participants, input.Outcome, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> RecordReviewAsync(Guid id, ReviewInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.Usage, PartnershipService.Adds, manage: false, p =>
        p.RecordReview(input.Date, input.Participants, input.Activities, User.Name, Swedish.Today(clock)), ct);

    /// <summary>Saves the quarterly follow-up (draft plus completion) and, when given, the dates it was presented.</summary>
    public Task<Partnership> SaveQuarterlyAsync(Guid id, QuarterlyInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, QuarterReads & ~RecordKinds.Meetings,
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
        var p = await partnerships.FindAsync(id, QuarterReads & ~RecordKinds.Meetings, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        var (from, to) = p.QuarterDates(year, quarter);
        p.Load(meetings: await db.RecordsOf<SteeringMeeting>(id).AsNoTracking().Where(m => m.Date >= from && m.Date <= to).ToListAsync(ct));
        return p.DraftQuarter(year, quarter);
    }

    /// <summary>
    /// The quarters that are over and still owed (not presented to both the committee and the
    /// board), earliest first: the stored obligations say which, by the same rule as the start page.
    /// </summary>
    public async Task<IReadOnlyList<(int Year, int Quarter)>> OpenQuartersAsync(Guid id, CancellationToken ct)
    {
        var today = Swedish.Today(clock);
        var keys = await db.Obligations.AsNoTracking()
            .Where(o => o.PartnershipId == id && o.Kind == DueKind.QuarterlyFollowUp && o.Audience == Audience.Partnership && o.ShowFrom <= today)
            .OrderBy(o => o.By).Select(o => o.Key).Take(40).ToListAsync(ct);
        return keys.Select(k => k.Split(':')).Where(p => p.Length == 3 && p[0] == "quarterly")
            .Select(p => (int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>What the quarterly follow-up is drafted from.</summary>
    internal const RecordKinds QuarterReads = RecordKinds.Quarterly | RecordKinds.Meetings | RecordKinds.Coordination | RecordKinds.Reviews | RecordKinds.Usage;
}

public static class FollowUpApi
{
    public static void MapFollowUpApi(this RouteGroupBuilder group)
    {
        group.Change<FollowUpService, FollowUpInput>("/{id:guid}/follow-ups", Policies.SignedIn, "Lämna årsuppföljningen (organisationen)", (s, id, i, ct) => s.SubmitFollowUpAsync(id, i, ct));
        group.MapPost("/{id:guid}/follow-ups/{year:int}/statements", async Task<Ok<PartnershipDto>> (Guid id, int year, [FromForm] string? kind, [FromForm] Guid? version, IFormFile? file,
                FollowUpService service, PartnershipService partnerships, CancellationToken ct) => TypedResults.Ok(await partnerships.AnswerAsync(await service.AttachStatementAsync(id, year,
                    Enum.TryParse<StatementKind>(kind, out var k) && Enum.IsDefined(k) ? k : null, file, new StatementInput { Version = version }, ct), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .DisableAntiforgery()
            .WithSummary("Bifoga resultaträkningen eller balansräkningen till årsuppföljningen (multipart: kind, file)");
        group.Change<FollowUpService, AssessmentInput>("/{id:guid}/follow-ups/assessment", Policies.CaseWork, "Bedöm årsuppföljningen", (s, id, i, ct) => s.AssessFollowUpAsync(id, i, ct));
        group.Change<FollowUpService, CoordinationInput>("/{id:guid}/coordination", Policies.CaseWork, "Registrera ett samverkansmöte (remittering eller oklarhet)", (s, id, i, ct) => s.RecordCoordinationAsync(id, i, ct));
        group.Change<FollowUpService, ReviewInput>("/{id:guid}/reviews", Policies.SignedIn, "Registrera ett trepartssamtal (aktiviteter och använda medel hittills)", (s, id, i, ct) => s.RecordReviewAsync(id, i, ct));
        group.Change<FollowUpService, QuarterlyInput>("/{id:guid}/quarterly", Policies.CaseWork, "Spara kvartalsuppföljningen (utkastet plus styrgruppens komplettering) och när den presenterades",
            (s, id, i, ct) => s.SaveQuarterlyAsync(id, i, ct));
        group.MapGet("/{id:guid}/quarterly/{year:int}/{quarter:int}/draft", async Task<Ok<string>> (Guid id, int year, int quarter, FollowUpService service, CancellationToken ct) =>
                TypedResults.Ok(await service.DraftAsync(id, year, quarter, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Utkastet till kvartalsuppföljningen, byggt av kvartalets möten, samtal och använda medel");
    }
}
