using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;

namespace Samverka.Web.Features.Partnerships.Money;

/// <summary>The money of a partnership (/partnerskap/{id}/ekonomi): the payment plan and marking payments made, funds used per budget line, repayment claims and surpluses.</summary>
public sealed class MoneyModel(PartnershipService partnerships, MoneyService money) : PartnershipPage(partnerships)
{
    public override string Section => "ekonomi";

    protected override RecordKinds Reads => RecordKinds.Payments | RecordKinds.FollowUps | RecordKinds.Usage | RecordKinds.Claims | RecordKinds.Surpluses;

    [BindProperty] public PaidInput Paid { get; set; } = new();
    [BindProperty] public IntervalInput Interval { get; set; } = new();
    [BindProperty] public UsageInput Usage { get; set; } = new();
    [BindProperty] public ClaimInput Claim { get; set; } = new();
    [BindProperty] public SettleInput Settle { get; set; } = new();
    [BindProperty] public SurplusInput Surplus { get; set; } = new();

    public IReadOnlyList<SelectListItem> PaymentOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> OpenClaimOptions { get; private set; } = [];
    public IReadOnlyList<YearMoneyDto> MoneyByYear { get; private set; } = [];

    public IReadOnlyList<SelectListItem> IntervalOptions { get; } =
        Enum.GetValues<Domain.Guidelines.Interval>().Select(i => new SelectListItem(Domain.Guidelines.IntervalTexts.Swedish(i), i.ToString())).ToList();

    public IReadOnlyList<SelectListItem> ReasonOptions { get; } =
        Enum.GetValues<RepaymentReason>().Select(r => new SelectListItem(r.Swedish(), r.ToString())).ToList();

    public Task<IActionResult> OnPostPaidAsync(CancellationToken ct) =>
        Done(nameof(Paid), () => money.MarkPaidAsync(Id, Paid, ct), "Utbetalningen är markerad som gjord.", "utbetalningar");

    public Task<IActionResult> OnPostIntervalAsync(CancellationToken ct) =>
        Done(nameof(Interval), () => money.ChangeIntervalAsync(Id, Interval, ct), "Utbetalningsplanen är ändrad.", "utbetalningar");

    public Task<IActionResult> OnPostUsageAsync(CancellationToken ct) =>
        Done(nameof(Usage), () => money.ReportUsageAsync(Id, Usage, ct), "Använda medel är redovisade.", "medel");

    public Task<IActionResult> OnPostClaimAsync(CancellationToken ct) =>
        Done(nameof(Claim), () => money.ClaimRepaymentAsync(Id, Claim, ct), "Återbetalningskravet är registrerat.", "aterbetalning");

    public Task<IActionResult> OnPostSettleAsync(CancellationToken ct) =>
        Done(nameof(Settle), () => money.SettleClaimAsync(Id, Settle, ct), "Kravet är reglerat.", "aterbetalning");

    public Task<IActionResult> OnPostSurplusAsync(CancellationToken ct) =>
        Done(nameof(Surplus), () => money.RecordSurplusAsync(Id, Surplus, ct), "Överskottet är registrerat.", "aterbetalning");

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await base.LoadAsync(ct);
        MoneyByYear = await Partnerships.MoneyByYearAsync(Partnership.AgreementId, ct);
        // Only what can be paid now: not a payment that waits for a follow-up, nor one cancelled.
        PaymentOptions = Partnership.Payments.Where(x => x.PaidOn is null && !x.Cancelled && x.Blocker is null).Select(x => new SelectListItem($"{x.Year}: {Swedish.Kronor(x.Amount)}", x.Id.ToString())).ToList();
        OpenClaimOptions = Partnership.Claims.Where(c => c.Status == ClaimStatus.Open)
            .Select(c => new SelectListItem($"{Swedish.Date(c.ClaimedOn)}: {Swedish.Kronor(c.Amount)}", c.Id.ToString())).ToList();
    }

    protected override void Fill(string? except)
    {
        if (except != nameof(Paid))
        {
            // The next payment that can be made is the one to mark.
            Paid = new() { PaymentId = Partnership.Payments.Where(x => x.PaidOn is null && !x.Cancelled && x.Blocker is null).OrderBy(x => x.DueOn).Select(x => (Guid?)x.Id).FirstOrDefault() };
        }

        if (except != nameof(Settle))
        {
            Settle = new() { ClaimId = Partnership.Claims.Where(c => c.Status == ClaimStatus.Open).Select(c => (Guid?)c.Id).FirstOrDefault() };
        }

        if (except != nameof(Usage))
        {
            Usage = new() { Lines = Partnership.Lines.Select(l => new UsageLineInput { LineId = l.Id }).ToList() };
        }
    }
}
