using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Organisations;
using Samverka.Web.Features.Municipalities;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Guidelines;

/// <summary>
/// Adopts a new version of the guidelines, prefilled from the current version or from a preset
/// (?mall=stenungsund|soderhamn|tom). Saving the same rules with a new date records a review.
/// </summary>
[Authorize(Policy = Policies.ManageMunicipality)]
public sealed class EditModel(GuidelineService guidelines, MunicipalityService municipalities) : PageModel, IReloadsOnError
{
    [FromRoute]
    public Guid MunicipalityId { get; set; }

    [BindProperty(SupportsGet = true, Name = "mall")]
    public string? Preset { get; set; }

    [BindProperty]
    public GuidelineForm Input { get; set; } = new();

    public string MunicipalityName { get; private set; } = "";
    public int? CurrentNumber { get; private set; }

    public static IEnumerable<SelectListItem> DecidingBodyOptions =>
    [
        new("Kommunstyrelsen beslutar alltid", nameof(DecidingBodyRule.ExecutiveBoard)),
        new("Nämnden vars ansvarsområde verksamheten hör till (kommunstyrelsen vid flera nämnder eller kommuner)", nameof(DecidingBodyRule.CommitteeByRemit)),
    ];

    public static IEnumerable<SelectListItem> IntervalOptions =>
    [
        new("En gång per år", nameof(Interval.Yearly)), new("Två gånger per år", nameof(Interval.HalfYearly)),
        new("En gång per kvartal", nameof(Interval.Quarterly)), new("En gång per månad", nameof(Interval.Monthly)),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var current = await guidelines.CurrentAsync(MunicipalityId, ct);
        var rules = GuidelinePresets.ByKey(Preset) ?? current?.Rules ?? GuidelinePresets.Blank;
        Input = GuidelineForm.From(current?.Title ?? $"Riktlinjer för IOP i {MunicipalityName}", current?.DecisionReference, rules);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var adopted = await guidelines.AdoptAsync(MunicipalityId, Input.ToInput(), ct);
        TempData["Message"] = $"Version {adopted.Number} är antagen.";
        return Redirect($"/kommuner/{MunicipalityId}/riktlinjer");
    }

    public Task ReloadAsync() => LoadAsync(HttpContext.RequestAborted);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await municipalities.FindAsync(MunicipalityId, ct) is not { } municipality)
        {
            return false;
        }

        MunicipalityName = municipality.Name;
        CurrentNumber = (await guidelines.CurrentAsync(MunicipalityId, ct))?.Number;
        return true;
    }
}

/// <summary>The guidelines as a form: lists as one line per item.</summary>
public sealed class GuidelineForm
{
    public string Title { get; set; } = "";
    public DateOnly? AdoptedOn { get; set; }
    public string? DecisionReference { get; set; }
    public string? Criteria { get; set; }
    public string? RequiredDocuments { get; set; }
    public string? VisionOrFocusAreas { get; set; }
    public string? AgreementSections { get; set; }
    public string? Remit { get; set; }
    public string? RepaymentClause { get; set; }
    public int? MaxTermYears { get; set; }
    public bool ExtensionAllowed { get; set; }
    public int? RenewalDialogueMonthsBefore { get; set; }
    public int? RenewLatestMonthsBefore { get; set; }
    public Interval PaymentInterval { get; set; } = Interval.Yearly;
    public Interval MinimumFollowUp { get; set; } = Interval.Yearly;
    public bool FollowUpGatesPayment { get; set; }
    public DecidingBodyRule DecidingBody { get; set; } = DecidingBodyRule.ExecutiveBoard;
    public bool ConsultLegalAndFinance { get; set; }
    public bool DoubleFundingBanned { get; set; }
    public bool RequiresExistingSimilarActivity { get; set; }
    public bool InitiativeMayComeFromDialogue { get; set; }
    public List<LegalForm> LegalForms { get; set; } = [];
    public List<LegalForm> CaseByCaseForms { get; set; } = [];

    public static GuidelineForm From(string title, string? decisionReference, GuidelineRules r) => new()
    {
        Title = title, DecisionReference = decisionReference,
        Criteria = Lines(r.Criteria), RequiredDocuments = Lines(r.RequiredDocuments), VisionOrFocusAreas = Lines(r.VisionOrFocusAreas),
        AgreementSections = Lines(r.AgreementSections), Remit = r.Remit, RepaymentClause = r.RepaymentClause, MaxTermYears = r.MaxTermYears, ExtensionAllowed = r.ExtensionAllowed,
        RenewalDialogueMonthsBefore = r.RenewalDialogueMonthsBefore, RenewLatestMonthsBefore = r.RenewLatestMonthsBefore,
        PaymentInterval = r.PaymentInterval, MinimumFollowUp = r.MinimumFollowUp, FollowUpGatesPayment = r.FollowUpGatesPayment,
        DecidingBody = r.DecidingBody, ConsultLegalAndFinance = r.ConsultLegalAndFinance, DoubleFundingBanned = r.DoubleFundingBanned,
        RequiresExistingSimilarActivity = r.RequiresExistingSimilarActivity, InitiativeMayComeFromDialogue = r.InitiativeMayComeFromDialogue,
        LegalForms = r.LegalForms.Select(f => f.Form).ToList(), CaseByCaseForms = r.LegalForms.Where(f => f.CaseByCase).Select(f => f.Form).ToList(),
    };

    public GuidelineInput ToInput() => new()
    {
        Title = Title,
        AdoptedOn = AdoptedOn,
        DecisionReference = DecisionReference,
        Rules = new GuidelineRules
        {
            Criteria = Split(Criteria), RequiredDocuments = Split(RequiredDocuments), VisionOrFocusAreas = Split(VisionOrFocusAreas),
            AgreementSections = Split(AgreementSections), Remit = Remit, RepaymentClause = RepaymentClause, MaxTermYears = MaxTermYears ?? 0, ExtensionAllowed = ExtensionAllowed,
            RenewalDialogueMonthsBefore = RenewalDialogueMonthsBefore, RenewLatestMonthsBefore = RenewLatestMonthsBefore,
            PaymentInterval = PaymentInterval, MinimumFollowUp = MinimumFollowUp, FollowUpGatesPayment = FollowUpGatesPayment,
            DecidingBody = DecidingBody, ConsultLegalAndFinance = ConsultLegalAndFinance, DoubleFundingBanned = DoubleFundingBanned,
            RequiresExistingSimilarActivity = RequiresExistingSimilarActivity, InitiativeMayComeFromDialogue = InitiativeMayComeFromDialogue,
            LegalForms = LegalForms.Distinct().Select(f => new AcceptedLegalForm(f, CaseByCaseForms.Contains(f))).ToList(),
        },
    };

    private static string Lines(IEnumerable<string> items) => string.Join("\n", items);

    private static List<string> Split(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
