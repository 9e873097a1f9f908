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

namespace Samverka.Web.Features.Partnerships.Money;


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

public sealed class IntervalInput : PartnershipChange
{
    public Domain.Guidelines.Interval? Interval { get; set; }
    public string? Decision { get; set; }
}
/// <summary>Money: payments made, the payment interval, funds used per budget line, repayment claims, surpluses, and the payments due for the finance system.</summary>
public sealed class MoneyService(SamverkaDbContext db, PartnershipService partnerships, CurrentUserAccessor me, TimeProvider clock)
{
    private CurrentUser User => me.User;

    public Task<Partnership> MarkPaidAsync(Guid id, PaidInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.Payments | RecordKinds.FollowUps,
        p => p.Payments.FirstOrDefault(x => x.Id == input.PaymentId), manage: true, p =>
        p.MarkPaid(input.PaymentId ?? throw new DomainException("Välj utbetalning.", nameof(PaidInput.PaymentId)), input.PaidOn, input.Reference, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> ReportUsageAsync(Guid id, UsageInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.Usage, PartnershipService.Adds, manage: false, p =>
    {
        var used = new Dictionary<Guid, decimal>();
        foreach (var line in (input.Lines ?? []).OfType<UsageLineInput>().Where(l => !string.IsNullOrWhiteSpace(l.Used)))
        {
            used[line.LineId] = Swedish.ParseKronor(line.Used, nameof(UsageInput.Lines));
        }

        p.ReportUsage(input.From, input.To, used, User.Name, Swedish.Today(clock));
    }, ct);

    public Task<Partnership> ClaimRepaymentAsync(Guid id, ClaimInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.Payments | RecordKinds.Claims, PartnershipService.Adds, manage: true, p =>
        p.ClaimRepayment(input.Full || string.IsNullOrWhiteSpace(input.Amount) ? null : Swedish.ParseKronor(input.Amount, nameof(ClaimInput.Amount)),
            input.Full, input.Reason, input.Explanation, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> SettleClaimAsync(Guid id, SettleInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.Claims,
        p => p.Claims.FirstOrDefault(c => c.Id == input.ClaimId), manage: true, p =>
        p.SettleClaim(input.ClaimId ?? throw new DomainException("Välj krav.", nameof(SettleInput.ClaimId)), input.SettledOn,
            string.IsNullOrWhiteSpace(input.SettledAmount) ? null : Swedish.ParseKronor(input.SettledAmount, nameof(SettleInput.SettledAmount)), input.Reference, Swedish.Today(clock)), ct);

    public Task<Partnership> RecordSurplusAsync(Guid id, SurplusInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.Surpluses,
        p => p.Surpluses.FirstOrDefault(x => x.Year == input.Year), manage: true, p =>
        p.RecordSurplus(input.Year ?? throw new DomainException("Ange år.", nameof(SurplusInput.Year)),
            string.IsNullOrWhiteSpace(input.Amount) ? null : Swedish.ParseKronor(input.Amount, nameof(SurplusInput.Amount)), input.Purpose, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> ChangeIntervalAsync(Guid id, IntervalInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.Payments, PartnershipService.Root, manage: true, p =>
        p.ChangePaymentInterval(input.Interval, input.Decision, User.Name, Swedish.Today(clock)), ct);

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

    /// <summary>The due payments as table rows, for CSV and Excel alike.</summary>
    public static IEnumerable<IReadOnlyList<object?>> DueRows(IReadOnlyList<DuePayment> payments) =>
        payments.Select(d => (IReadOnlyList<object?>)[d.Partnership, d.Organisation, d.OrgNumber, d.Year, d.DueOn, d.Amount, d.Blocker is null ? "ja" : "nej", d.Blocker]);
}

public static class MoneyApi
{
    public static void MapMoneyApi(this RouteGroupBuilder group)
    {
        group.Change<MoneyService, PaidInput>("/{id:guid}/payments/paid", Policies.CaseWork, "Markera en utbetalning som gjord", (s, id, i, ct) => s.MarkPaidAsync(id, i, ct));
        group.Change<MoneyService, UsageInput>("/{id:guid}/usage", Policies.SignedIn, "Redovisa använda medel per budgetrad för en period", (s, id, i, ct) => s.ReportUsageAsync(id, i, ct));
        group.Change<MoneyService, ClaimInput>("/{id:guid}/repayment-claims", Policies.CaseWork, "Kräv återbetalning (helt eller delvis)", (s, id, i, ct) => s.ClaimRepaymentAsync(id, i, ct));
        group.Change<MoneyService, SettleInput>("/{id:guid}/repayment-claims/settled", Policies.CaseWork, "Registrera att ett återbetalningskrav är reglerat", (s, id, i, ct) => s.SettleClaimAsync(id, i, ct));
        group.Change<MoneyService, SurplusInput>("/{id:guid}/surplus", Policies.CaseWork, "Registrera ett överskott som förs till samma eller liknande ändamål", (s, id, i, ct) => s.RecordSurplusAsync(id, i, ct));
        group.Change<MoneyService, IntervalInput>("/{id:guid}/payments/interval", Policies.CaseWork, "Betala ut med ett annat intervall efter beslut; det som inte betalats fördelas på kommande perioder",
            (s, id, i, ct) => s.ChangeIntervalAsync(id, i, ct));
        group.MapGet("/payments/due.csv", async Task<FileContentHttpResult> (DateOnly? until, MoneyService service, TimeProvider clock, CancellationToken ct) =>
                TypedResults.File(Documents.Csv.Bytes(Documents.Csv.Write(MoneyService.DueHeaders, MoneyService.DueRows(
                    await service.DuePaymentsAsync(until ?? Swedish.Today(clock).AddDays(30), ct)))), "text/csv; charset=utf-8", "utbetalningar.csv"))
            .RequireAuthorization(Policies.CaseWork)
            .WithSummary("Utbetalningar som förfaller (standard: inom 30 dagar) och inte är gjorda, som CSV för ekonomisystemet");
        group.MapGet("/payments/due.xlsx", async Task<FileContentHttpResult> (DateOnly? until, MoneyService service, TimeProvider clock, CancellationToken ct) =>
                TypedResults.File(Documents.Spreadsheet.Write("Utbetalningar", MoneyService.DueHeaders, MoneyService.DueRows(await service.DuePaymentsAsync(until ?? Swedish.Today(clock).AddDays(30), ct))),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "utbetalningar.xlsx"))
            .RequireAuthorization(Policies.CaseWork)
            .WithSummary("Samma utbetalningar som Excel-arbetsbok");
    }
}
