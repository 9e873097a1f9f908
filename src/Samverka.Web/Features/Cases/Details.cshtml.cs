using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Cases;
using Samverka.Domain.Formatting;
using Samverka.Web.Features.Municipalities;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Cases;

/// <summary>
/// One case (/arenden/{id}): where it stands, what must happen next, and the form for each
/// step the actor may take. Every form posts to its own handler and carries the version seen.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(CaseService cases, Agreements.AgreementService agreements, MunicipalityService municipalities, CurrentUserAccessor me, TimeProvider clock)
    : PageModel, IReloadsOnError, IHasSeveralForms
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty] public VersionInput Advance { get; set; } = new();
    [BindProperty] public MeetingInput Meeting { get; set; } = new();
    [BindProperty] public List<IFormFile> MeetingFiles { get; set; } = [];
    [BindProperty] public EligibilityInput Eligibility { get; set; } = new();
    [BindProperty] public SuitabilityInput Suitability { get; set; } = new();
    [BindProperty] public DetailsInput Details { get; set; } = new();
    [BindProperty] public DoubleFundingInput DoubleFunding { get; set; } = new();
    [BindProperty] public DecisionRequest Decision { get; set; } = new();
    [BindProperty] public ReasonInput Return { get; set; } = new();
    [BindProperty] public ReasonInput Withdraw { get; set; } = new();
    [BindProperty] public PartyInput Party { get; set; } = new();
    [BindProperty] public ParticipantInput Participant { get; set; } = new();

    public string FormPrefix { get; private set; } = "Advance";
    public CaseDto Case { get; private set; } = null!;
    public IReadOnlyList<OtherSupportDto> OtherSupport { get; private set; } = [];
    public IReadOnlyList<SelectListItem> CommitteeOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> DecisionCommitteeOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> MunicipalityOptions { get; private set; } = [];
    public bool CanReadAudit => me.User.Allows(Policies.ReadAudit);

    /// <summary>An organisation's representative reads where the case stands and what the organisation can do, not the municipality's tasks.</summary>
    public bool IsRepresentative => me.User.IsOrganisationBound;

    /// <summary>The agreement drafted in this case, if any.</summary>
    public Guid? AgreementId { get; private set; }

    /// <summary>The municipality whose decision the actor would record (their own; the leading one for system administrators).</summary>
    public Guid DecidingMunicipalityId => me.User.MunicipalityIds.FirstOrDefault(Case.Municipalities.Select(m => m.Id).Contains) is var own && own != Guid.Empty
        ? own : Case.Municipality.Id;

    public bool DecidesForLead => DecidingMunicipalityId == Case.Municipality.Id;
    public bool DecisionRecorded => Case.Decisions.Any(d => d.MunicipalityId == DecidingMunicipalityId);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        FillForms(except: null);
        return Page();
    }

    public Task<IActionResult> OnPostAdvanceAsync(CancellationToken ct) =>
        Done(nameof(Advance), () => cases.AdvanceAsync(Id, Advance.Version, ct), c => $"Ärendet är nu i steget {c.State.Swedish().ToLowerInvariant()}.");

    public Task<IActionResult> OnPostMeetingAsync(CancellationToken ct) =>
        Done(nameof(Meeting), async () => (await cases.LogMeetingAsync(Id, Meeting.Version, Meeting, MeetingFiles, ct)).Case, _ => "Dialogmötet är loggat.");

    public Task<IActionResult> OnPostEligibilityAsync(CancellationToken ct) =>
        Done(nameof(Eligibility), () => cases.JudgeEligibilityAsync(Id, Eligibility.Version, Eligibility, ct), _ => "Bedömningen av förutsättningarna är sparad.");

    public Task<IActionResult> OnPostSuitabilityAsync(CancellationToken ct) =>
        Done(nameof(Suitability), () => cases.AssessSuitabilityAsync(Id, Suitability.Version, Suitability, ct), _ => "Lämplighetsbedömningen är sparad.");

    public Task<IActionResult> OnPostDetailsAsync(CancellationToken ct)
    {
        Details.RemitCommitteeIds ??= [];
        return Done(nameof(Details), () => cases.SetDetailsAsync(Id, Details.Version, Details, ct), _ => "Avtalstid, belopp och ansvarig nämnd är sparade.");
    }

    public Task<IActionResult> OnPostDoubleFundingAsync(CancellationToken ct) =>
        Done(nameof(DoubleFunding), () => cases.JudgeDoubleFundingAsync(Id, DoubleFunding.Version, DoubleFunding, ct), _ => "Bedömningen av dubbelfinansiering är sparad.");

    public Task<IActionResult> OnPostDecisionAsync(CancellationToken ct) =>
        Done(nameof(Decision), async () =>
        {
            await cases.RecordDecisionAsync(Id, Decision.Version, Decision, ct);
            return (await cases.FindAsync(Id, ct))!;
        }, c => $"Beslutet är registrerat. Ärendet är {c.State.Swedish().ToLowerInvariant()}.");

    public Task<IActionResult> OnPostReturnAsync(CancellationToken ct) =>
        Done(nameof(Return), () => cases.ReturnAsync(Id, Return.Version, Return, ct), _ => "Ärendet är tillbaka i dialog.");

    public Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct) =>
        Done(nameof(Withdraw), () => cases.WithdrawAsync(Id, Withdraw.Version, Withdraw, ct), _ => "Ärendet är återtaget.");

    public Task<IActionResult> OnPostPartyAsync(CancellationToken ct) =>
        Done(nameof(Party), () => cases.AddPartyAsync(Id, Party.Version, Party, ct), _ => "Organisationen är part i ärendet.");

    public async Task<IActionResult> OnPostAgreementAsync(CancellationToken ct)
    {
        FormPrefix = "Agreement";
        var agreement = await agreements.DraftFromCaseAsync(Id, ct);
        TempData["Message"] = "Överenskommelsen är upprättad med riktlinjernas avsnitt. Fyll i budgeten och undertecknarna.";
        return Redirect($"/overenskommelser/{agreement.Id}");
    }

    public Task<IActionResult> OnPostParticipantAsync(CancellationToken ct) =>
        Done(nameof(Participant), () => cases.AddMunicipalityAsync(Id, Participant.Version, Participant, ct), _ => "Kommunen deltar i ärendet.");

    public async Task ReloadAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        FillForms(except: FormPrefix);
    }

    /// <summary>The forms show what is recorded; the one just refused keeps what the user typed.</summary>
    private void FillForms(string? except)
    {
        // One row per criterion and aspect of the rules, whatever was posted; a refused form keeps what was typed in its rows.
        var postedCriteria = except == nameof(Eligibility) ? Eligibility.Criteria.OfType<CriterionInput>().GroupBy(x => x.Number).ToDictionary(g => g.Key, g => g.Last()) : [];
        Eligibility.Criteria = Enumerable.Range(1, Case.Rules.Criteria.Count)
            .Select(n => postedCriteria.TryGetValue(n, out var typed) ? typed
                : except != nameof(Eligibility) && Case.Criteria.TryGetValue(n, out var j) ? new CriterionInput { Number = n, Met = j.Met, Reason = j.Reason }
                : new CriterionInput { Number = n })
            .ToList();
        if (except != nameof(Eligibility))
        {
            (Eligibility.RemitMet, Eligibility.RemitReason) = (Case.Remit?.Met, Case.Remit?.Reason);
            (Eligibility.LegalFormAccepted, Eligibility.LegalFormReason) = (Case.LegalFormJudgement?.Met, Case.LegalFormJudgement?.Reason);
        }

        var postedAspects = except == nameof(Suitability) ? Suitability.Aspects.OfType<AspectInput>().GroupBy(x => x.Aspect).ToDictionary(g => g.Key, g => g.Last()) : [];
        Suitability.Aspects = Enum.GetValues<SuitabilityAspect>()
            .Select(a => postedAspects.TryGetValue(a, out var typed) ? typed
                : except != nameof(Suitability) && Case.Suitability.TryGetValue(a, out var j) ? new AspectInput { Aspect = a, Favourable = j.Met, Reason = j.Reason }
                : new AspectInput { Aspect = a })
            .ToList();

        if (except != nameof(Details))
        {
            Details = new()
            {
                TermStart = Case.TermStart, TermEnd = Case.TermEnd, AmountPerYear = Case.AmountPerYear is { } a ? Swedish.Number(a) : null,
                RemitCommitteeIds = Case.RemitCommittees.Select(c => c.Id).ToList(),
            };
        }

        if (except != nameof(DoubleFunding))
        {
            DoubleFunding = new() { SameActivity = Case.DoubleFunding is { } d ? !d.Met : null, Reason = Case.DoubleFunding?.Reason };
        }

        if (except != nameof(Decision))
        {
            Decision = new() { MeetingDate = Swedish.Today(clock) };
        }
    }

    private async Task<IActionResult> Done(string form, Func<Task<Case>> change, Func<Case, string> message)
    {
        FormPrefix = form;
        var c = await change();
        TempData["Message"] = message(c);
        return Redirect($"/arenden/{Id}#{form.ToLowerInvariant()}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var c = await cases.FindAsync(Id, ct) ?? throw new RecordNotFoundException("Ärendet");
        Case = await cases.ToDtoAsync(c, ct);
        AgreementId = (await agreements.ForCaseAsync(c.Id, ct))?.Id;
        if (Case.Permissions.Prepare)
        {
            OtherSupport = await cases.OtherSupportAsync(c, ct);
            CommitteeOptions = (await municipalities.CommitteesAsync(c.MunicipalityId, ct)).Select(x => new SelectListItem(x.Name, x.Id.ToString())).ToList();
            MunicipalityOptions = (await cases.AllMunicipalitiesAsync(ct)).Where(m => !c.MunicipalityIds.Contains(m.Id))
                .Select(m => new SelectListItem(m.Name, m.Id.ToString())).ToList();
        }

        if (Case.Permissions.Decide && !DecidesForLead)
        {
            DecisionCommitteeOptions = (await municipalities.CommitteesAsync(DecidingMunicipalityId, ct)).Select(x => new SelectListItem(x.Name, x.Id.ToString())).ToList();
        }
    }
}
