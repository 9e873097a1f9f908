using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Funding;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Organisations;
using Samverka.Web.Data;
using Samverka.Web.Data.Configurations;
using Samverka.Web.Features.Api;
using Samverka.Web.Features.Guidelines;
using Samverka.Web.Features.Organisations;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Cases;

// ----- Input: the same shapes for pages and API -----

public sealed class InitiativeInput
{
    public Guid? MunicipalityId { get; set; }
    public Guid? OrganisationId { get; set; }

    /// <summary>Instead of the id: the organisationsnummer (officials registering on an organisation's behalf).</summary>
    public string? OrgNumber { get; set; }

    public string? Title { get; set; }
    public string? Idea { get; set; }
    public string? TargetGroup { get; set; }
    public string? SimilarWork { get; set; }
    public DateOnly? TermStart { get; set; }
    public DateOnly? TermEnd { get; set; }

    /// <summary>Kronor per year, as Swedish users write it: "500 000", "500 tkr", "2 500 kr".</summary>
    public string? AmountPerYear { get; set; }
}

public sealed class MeetingInput : CaseChange
{
    public DateOnly? Date { get; set; }
    public string? MunicipalityParticipants { get; set; }
    public string? OrganisationParticipants { get; set; }
    public string? Goal { get; set; }
    public string? Values { get; set; }
    public string? Purpose { get; set; }
}

/// <summary>A change to a case carries the version the user saw; a stale one is refused (409) instead of overwriting.</summary>
public abstract class CaseChange
{
    public Guid? Version { get; set; }
}

public sealed class VersionInput : CaseChange;

public sealed class CriterionInput
{
    public int Number { get; set; }
    public bool? Met { get; set; }
    public string? Reason { get; set; }
}

public sealed class EligibilityInput : CaseChange
{
    public List<CriterionInput> Criteria { get; set; } = [];
    public bool? RemitMet { get; set; }
    public string? RemitReason { get; set; }

    /// <summary>Only where a party's legal form is accepted case by case (Söderhamn: ekonomisk förening).</summary>
    public bool? LegalFormAccepted { get; set; }

    public string? LegalFormReason { get; set; }
}

public sealed class AspectInput
{
    public SuitabilityAspect Aspect { get; set; }
    public bool? Favourable { get; set; }
    public string? Reason { get; set; }
}

public sealed class SuitabilityInput : CaseChange
{
    public List<AspectInput> Aspects { get; set; } = [];
}

public sealed class DetailsInput : CaseChange
{
    public DateOnly? TermStart { get; set; }
    public DateOnly? TermEnd { get; set; }
    public string? AmountPerYear { get; set; }
    public List<Guid>? RemitCommitteeIds { get; set; }
}

public sealed class DoubleFundingInput : CaseChange
{
    public bool? SameActivity { get; set; }
    public string? Reason { get; set; }
}

public sealed class DecisionRequest : CaseChange
{
    /// <summary>The deciding municipality; by default the actor's own (or the leading one).</summary>
    public Guid? MunicipalityId { get; set; }

    /// <summary>The deciding committee; for the leading municipality the one the guideline names.</summary>
    public Guid? CommitteeId { get; set; }

    public DateOnly? MeetingDate { get; set; }
    public string? Paragraph { get; set; }
    public string? CaseNumber { get; set; }
    public string? Text { get; set; }
    public bool? Approved { get; set; }
    public bool DecideBeyondFrame { get; set; }
}

public sealed class ReasonInput : CaseChange
{
    public string? Reason { get; set; }
}

public sealed class PartyInput : CaseChange
{
    public string? OrgNumber { get; set; }
}

public sealed class ParticipantInput : CaseChange
{
    public Guid? MunicipalityId { get; set; }
}

// ----- Output -----

public sealed record CaseSummaryDto(Guid Id, string Title, CaseState State, string StateText, Guid MunicipalityId, string MunicipalityName,
    IReadOnlyList<string> Organisations, DateTimeOffset OpenedAt, string? DecidingBody);

public sealed record NamedDto(Guid Id, string Name);

public sealed record OtherSupportDto(Guid Id, Guid OrganisationId, string OrganisationName, Guid CommitteeId, string CommitteeName, SupportKind Kind,
    string KindText, string Activity, int FromYear, int ToYear, decimal? AmountPerYear);

/// <summary>Everything the case page and GET /api/v1/cases/{id} show.</summary>
public sealed record CaseDto(
    Guid Id, Guid Version, string Title, string Idea, string TargetGroup, string? SimilarWork, CaseState State, string StateText, DateTimeOffset OpenedAt,
    NamedDto Municipality, IReadOnlyList<NamedDto> Municipalities, IReadOnlyList<NamedDto> Organisations,
    Guid GuidelineId, int GuidelineNumber, GuidelineRules Rules,
    DateOnly? TermStart, DateOnly? TermEnd, decimal? AmountPerYear, IReadOnlyList<Commitment> Money, IReadOnlyList<NamedDto> RemitCommittees,
    IReadOnlyList<string> NextSteps, IReadOnlyList<CaseTransition> Transitions, IReadOnlyList<DialogueMeeting> Meetings,
    IReadOnlyDictionary<int, Judgement> Criteria, Judgement? Remit, IReadOnlyList<string> CaseByCaseLegalForms, Judgement? LegalFormJudgement,
    IReadOnlyDictionary<SuitabilityAspect, Judgement> Suitability,
    Judgement? DoubleFunding, IReadOnlyList<DoubleFundingFlag> DoubleFundingFlags, IReadOnlyList<PartyDocuments> Documents,
    DecidingBodyChoice? DecidingBody, string? DecidingBodyProblem, BudgetOutlook Budget, IReadOnlyList<CaseDecision> Decisions,
    IReadOnlyList<AttachmentDto> Attachments, CasePermissions Permissions);

public sealed record PartyDocuments(Guid OrganisationId, string OrganisationName, IReadOnlyList<DocumentRequirement> Requirements);

public sealed record AttachmentDto(Guid Id, Guid MeetingId, string FileName, FileFormat Format, long Size)
{
    public string Url(Guid caseId) => $"/api/v1/cases/{caseId}/attachments/{Id}/content";
}

/// <summary>What the actor may do in this case. The one place per-case permissions are decided.</summary>
public sealed record CasePermissions(bool Prepare, bool Decide, bool Withdraw)
{
    public static CasePermissions For(CurrentUser user, Case c)
    {
        if (user.Role is not { } role)
        {
            return new(false, false, false);
        }

        var leads = user.SeesAllMunicipalities || user.MunicipalityIds.Contains(c.MunicipalityId);
        var participates = user.SeesAllMunicipalities || user.MunicipalityIds.Any(c.MunicipalityIds.Contains);
        var official = role is Role.Official or Role.MunicipalAdministrator or Role.SystemAdministrator;
        var party = user.IsOrganisationBound && user.OrganisationIds.Any(c.OrganisationIds.Contains);
        var preDecision = c.State < CaseState.Decision;
        // The organisation that took the initiative may withdraw it; a co-party asks the municipality.
        var initiator = user.IsOrganisationBound && user.OrganisationIds.Contains(c.OrganisationIds[0]);
        // Whether the move fits the case's step is the domain's to say (with its reason); this says only who.
        return new(
            Prepare: leads && official,
            Decide: participates && (official || role == Role.CommitteeMember),
            Withdraw: (leads && official) || (initiator && preDecision));
    }
}

/// <summary>Cases from initiative to decision, shared by pages and API. The domain decides what may happen; this loads, checks who acts, and saves.</summary>
public sealed class CaseService(SamverkaDbContext db, GuidelineService guidelines, Funding.FundingService funding, Handoffs.Handoffs handoffs, CurrentUserAccessor me, TimeProvider clock)
{
    private CurrentUser User => me.User;

    public async Task<Page<CaseSummaryDto>> ListAsync(string? query, string? state, bool awaitingDecision, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Page<CaseSummaryDto>.Clamp(page, pageSize);
        var q = db.Cases.AsNoTracking();
        if (Texts.SearchTerm(query) is { } term)
        {
            q = q.Where(c => c.SearchText.Contains(term));
        }

        if (awaitingDecision)
        {
            q = q.Where(c => c.State == CaseState.Decision);
            // A committee member's queue is their own body's; members without one see the municipality's whole queue.
            if (await MemberCommitteeAsync(ct) is { } body)
            {
                // Cases led by another municipality stay in: which of our bodies decides there is ours to say.
                var own = User.MunicipalityIds;
                q = q.Where(c => c.DecidingCommitteeId == body || !own.Contains(c.MunicipalityId));
            }
        }
        else if (state == "avslutade")
        {
            q = q.Where(c => c.State == CaseState.Approved || c.State == CaseState.Rejected || c.State == CaseState.Withdrawn);
        }
        else if (state != "alla")
        {
            q = q.Where(c => c.State != CaseState.Approved && c.State != CaseState.Rejected && c.State != CaseState.Withdrawn);
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id).Skip((number - 1) * size).Take(size)
            .Select(c => new { c.Id, c.Title, c.State, c.MunicipalityId, c.OrganisationIds, c.OpenedAt, c.DecidingCommitteeId })
            .ToListAsync(ct);
        var names = await NamesAsync(rows.SelectMany(r => r.OrganisationIds), rows.Select(r => r.MunicipalityId),
            rows.Select(r => r.DecidingCommitteeId).OfType<Guid>(), ct);
        var items = rows.Select(r => new CaseSummaryDto(r.Id, r.Title, r.State, r.State.Swedish(), r.MunicipalityId, names.Name(r.MunicipalityId),
            r.OrganisationIds.Select(names.Name).ToList(), r.OpenedAt, r.DecidingCommitteeId is { } d ? names.Name(d) : null)).ToList();
        return new(items, number, size, total);
    }

    public Task<Case?> FindAsync(Guid id, CancellationToken ct) => db.Cases.FirstOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>The municipalities an initiative can be sent to: those with guidelines (for officials, their own).</summary>
    public async Task<IReadOnlyList<NamedDto>> MunicipalitiesWithGuidelinesAsync(CancellationToken ct) =>
        await db.Municipalities.AsNoTracking().Where(m => db.Guidelines.Any(g => g.MunicipalityId == m.Id))
            .OrderBy(m => m.Name).Take(400).Select(m => new NamedDto(m.Id, m.Name)).ToListAsync(ct);

    /// <summary>Every municipality's name, to invite a partner municipality (names are public; nothing else is shown).</summary>
    public async Task<IReadOnlyList<NamedDto>> AllMunicipalitiesAsync(CancellationToken ct) =>
        await db.Municipalities.IgnoreQueryFilters().AsNoTracking().OrderBy(m => m.Name).Take(400).Select(m => new NamedDto(m.Id, m.Name)).ToListAsync(ct);

    /// <summary>The organisations the actor can open an initiative for: a representative's own; for officials, any (chosen by number).</summary>
    public async Task<IReadOnlyList<NamedDto>> OwnOrganisationsAsync(CancellationToken ct) =>
        User.IsOrganisationBound
            ? await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new NamedDto(o.Id, o.Name)).ToListAsync(ct)
            : [];

    /// <summary>
    /// The municipality a representative's initiative most likely goes to: the only one with
    /// guidelines, or the only one the organisation already has cases with. Null when it is a choice.
    /// </summary>
    public async Task<Guid?> LikelyMunicipalityAsync(IReadOnlyList<NamedDto> withGuidelines, CancellationToken ct)
    {
        if (withGuidelines.Count == 1)
        {
            return withGuidelines[0].Id;
        }

        if (!User.IsOrganisationBound)
        {
            return null;
        }

        var ids = withGuidelines.Select(m => m.Id).ToList();
        var used = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.MunicipalityId)).Select(c => c.MunicipalityId).Distinct().OrderBy(m => m).Take(2).ToListAsync(ct);
        return used.Count == 1 ? used[0] : null;
    }

    /// <summary>Registers an initiative; every field it gets wrong is refused at once, with nothing saved.</summary>
    public async Task<Case> OpenAsync(InitiativeInput input, CancellationToken ct)
    {
        var checks = new Checks();
        var amount = checks.Take(() => ParseAmount(input.AmountPerYear, nameof(InitiativeInput.AmountPerYear)), null);
        var initiative = new Initiative(input.Title ?? "", input.Idea ?? "", input.TargetGroup ?? "", input.SimilarWork, input.TermStart, input.TermEnd, amount);
        var municipalityId = input.MunicipalityId ?? (User.MunicipalityIds.Length == 1 ? User.MunicipalityIds[0] : Guid.Empty);
        var municipalityKnown = municipalityId != Guid.Empty && await db.Municipalities.AnyAsync(m => m.Id == municipalityId, ct);
        if (!municipalityKnown)
        {
            checks.Add(new DomainException("Välj kommunen initiativet riktar sig till.", nameof(InitiativeInput.MunicipalityId)));
        }

        if (municipalityKnown && !User.IsOrganisationBound && !User.SeesAllMunicipalities && !User.MunicipalityIds.Contains(municipalityId))
        {
            throw new ScopeViolationException("Du kan bara registrera initiativ i din egen kommun.");
        }

        if (User.Role is Role.Auditor or Role.CommitteeMember)
        {
            throw new ScopeViolationException("Revisorer och förtroendevalda registrerar inte initiativ.");
        }

        if (input.OrganisationId is null && !string.IsNullOrWhiteSpace(input.OrgNumber) && checks.Take(() => OrgNumber.Parse(input.OrgNumber).ToString(), null) is { } number)
        {
            input.OrganisationId = await db.Organisations.Where(o => o.OrgNumber == number).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
            if (input.OrganisationId is null)
            {
                checks.Add(new DomainException($"Organisationen {number} finns inte i registret. Registrera den först.", nameof(InitiativeInput.OrgNumber)));
            }
        }

        var organisation = input.OrganisationId is { } organisationId
            ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct)
            : null;
        if (organisation is null && string.IsNullOrWhiteSpace(input.OrgNumber)) // a number given is refused above if wrong or unknown
        {
            checks.Add(User.IsOrganisationBound
                ? new DomainException("Välj organisationen som tar initiativet.", nameof(InitiativeInput.OrganisationId))
                : new DomainException("Ange organisationsnumret för organisationen som tar initiativet.", nameof(InitiativeInput.OrgNumber)));
        }

        var guideline = municipalityKnown ? await guidelines.CurrentAsync(municipalityId, ct) : null;
        if (guideline is null && municipalityKnown)
        {
            checks.Add(new DomainException("Kommunen har inga riktlinjer för IOP i Samverka ännu, så initiativ kan inte prövas.", nameof(InitiativeInput.MunicipalityId)));
        }

        if (checks.Any || guideline is null || organisation is null)
        {
            Case.Check(initiative, checks); // the initiative's own errors too, all at once
            checks.ThrowIfAny();
        }

        var c = Case.Open(guideline!, organisation!.Id, organisation.LegalForm, initiative, User.Name, clock.GetUtcNow());
        db.Cases.Add(c);
        await db.SaveChangesAsync(ct);
        return c;
    }

    /// <summary>The next step on the road: dialogue, eligibility, suitability, draft, or sending to the deciding body.</summary>
    public Task<Case> AdvanceAsync(Guid id, Guid? version, CancellationToken ct) => ChangeAsync(id, version, Prepare, async c =>
    {
        var (actor, at) = (User.Name, clock.GetUtcNow());
        switch (c.State)
        {
            case CaseState.Initiative: c.StartDialogue(actor, at); break;
            case CaseState.Dialogue: c.BeginEligibility(actor, at); break;
            case CaseState.Eligibility: c.BeginSuitability(actor, at); break;
            case CaseState.Suitability: c.BeginDraft(actor, at); break;
            case CaseState.Draft:
                var (choice, problem) = await DeriveAsync(c, ct);
                var body = choice ?? throw new DomainException(problem!);
                var documents = (await DocumentsAsync(c, ct)).SelectMany(p => p.Requirements).ToList();
                c.SendToDecision(documents, body, await FlagsAsync(c, body.CommitteeId, ct), actor, at);
                await handoffs.CaseSentToDecisionAsync(c, ct);
                break;
            default: throw new DomainException($"Ärendet är i steget {c.State.Swedish().ToLowerInvariant()} och går inte vidare härifrån.");
        }
    }, ct);

    public async Task<(Case Case, DialogueMeeting Meeting)> LogMeetingAsync(Guid id, Guid? version, MeetingInput input, IReadOnlyList<IFormFile> files, CancellationToken ct)
    {
        DialogueMeeting? meeting = null;
        var c = await ChangeAsync(id, version, Prepare, async c =>
        {
            meeting = c.LogMeeting(input.Date, input.MunicipalityParticipants, input.OrganisationParticipants, input.Goal, input.Values, input.Purpose,
                User.Name, clock.GetUtcNow());
            if (files.Count > 10)
            {
                throw new DomainException("Högst 10 filer per möte.", "Files");
            }

            foreach (var file in files)
            {
                var (bytes, format) = await DocumentService.ReadCheckedAsync(file, ct, "Files");
                var attachment = new CaseAttachment
                {
                    CaseId = c.Id, MunicipalityId = c.MunicipalityId, MeetingId = meeting.Id, FileName = OrganisationDocument.SafeLabel(file.FileName, format),
                    Format = format, Size = bytes.LongLength, UploadedAt = clock.GetUtcNow(), UploadedBy = User.Name,
                };
                db.CaseAttachments.Add(attachment);
                db.StoredFiles.Add(new StoredFile { Id = attachment.Id, Content = bytes });
            }
        }, ct);
        return (c, meeting!);
    }

    public Task<Case> JudgeEligibilityAsync(Guid id, Guid? version, EligibilityInput input, CancellationToken ct) => ChangeAsync(id, version, Prepare, c =>
    {
        var (actor, at) = (User.Name, clock.GetUtcNow());
        var criteria = input.Criteria ?? [];
        if (!criteria.Any(x => x?.Met is not null) && input.RemitMet is null && input.LegalFormAccepted is null)
        {
            throw new DomainException("Bedöm minst ett kriterium.");
        }

        for (var i = 0; i < criteria.Count; i++)
        {
            var criterion = criteria[i];
            if (criterion is null)
            {
                continue;
            }

            if (criterion.Met is { } met)
            {
                Field($"Criteria[{i}].Reason", () => c.JudgeCriterion(criterion.Number, met, criterion.Reason, actor, at));
            }
            else if (!string.IsNullOrWhiteSpace(criterion.Reason))
            {
                throw new DomainException($"Ange om kriterium {criterion.Number} är uppfyllt.", $"Criteria[{i}].Met");
            }
        }

        if (input.RemitMet is { } within)
        {
            c.JudgeRemit(within, input.RemitReason, actor, at);
        }

        if (input.LegalFormAccepted is { } acceptable)
        {
            c.JudgeLegalForm(acceptable, input.LegalFormReason, actor, at);
        }

        return Task.CompletedTask;
    }, ct);

    public Task<Case> AssessSuitabilityAsync(Guid id, Guid? version, SuitabilityInput input, CancellationToken ct) => ChangeAsync(id, version, Prepare, c =>
    {
        var aspects = input.Aspects ?? [];
        if (!aspects.Any(a => a?.Favourable is not null))
        {
            throw new DomainException("Bedöm minst en aspekt.");
        }

        for (var i = 0; i < aspects.Count; i++)
        {
            var aspect = aspects[i];
            if (aspect?.Favourable is { } favourable)
            {
                Field($"Aspects[{i}].Reason", () => c.AssessSuitability(aspect.Aspect, favourable, aspect.Reason, User.Name, clock.GetUtcNow()));
            }
        }

        return Task.CompletedTask;
    }, ct);

    public Task<Case> SetDetailsAsync(Guid id, Guid? version, DetailsInput input, CancellationToken ct) => ChangeAsync(id, version, Prepare, async c =>
    {
        if (input.TermStart is not null || input.TermEnd is not null)
        {
            c.SetTerm(input.TermStart, input.TermEnd);
        }

        if (!string.IsNullOrWhiteSpace(input.AmountPerYear))
        {
            c.SetMoney(ParseAmount(input.AmountPerYear, nameof(DetailsInput.AmountPerYear)));
        }

        if (input.RemitCommitteeIds is null)
        {
            return;
        }

        var committees = input.RemitCommitteeIds.Distinct().ToList();
        if (await db.Committees.CountAsync(x => committees.Contains(x.Id) && x.MunicipalityId == c.MunicipalityId, ct) != committees.Count)
        {
            throw new DomainException("Välj bland kommunens nämnder.", nameof(DetailsInput.RemitCommitteeIds));
        }

        c.SetRemitCommittees(committees);
    }, ct);

    public Task<Case> JudgeDoubleFundingAsync(Guid id, Guid? version, DoubleFundingInput input, CancellationToken ct) => ChangeAsync(id, version, Prepare, async c =>
    {
        var sameActivity = input.SameActivity ?? throw new DomainException("Ange om det är samma verksamhet.", nameof(DoubleFundingInput.SameActivity));
        var (choice, _) = await DeriveAsync(c, ct);
        c.JudgeDoubleFunding(sameActivity, input.Reason, await FlagsAsync(c, choice?.CommitteeId, ct), User.Name, clock.GetUtcNow());
    }, ct);

    public async Task<CaseDecision> RecordDecisionAsync(Guid id, Guid? version, DecisionRequest input, CancellationToken ct)
    {
        CaseDecision? decision = null;
        try
        {
            await ChangeAsync(id, version, Decide, async c =>
            {
                c.CheckDecisionStep();
                var municipalityId = input.MunicipalityId
                    ?? (User.MunicipalityIds.FirstOrDefault(c.MunicipalityIds.Contains) is var own && own != Guid.Empty ? own : c.MunicipalityId);
                if (!User.SeesAllMunicipalities && !User.MunicipalityIds.Contains(municipalityId))
                {
                    throw new ScopeViolationException("Du kan bara registrera din egen kommuns beslut.");
                }

                var committeeId = input.CommitteeId ?? (municipalityId == c.MunicipalityId ? c.DecidingCommitteeId : null)
                    ?? throw new DomainException("Välj den nämnd som beslutade.", nameof(DecisionRequest.CommitteeId));
                var committee = await db.Committees.AsNoTracking().FirstOrDefaultAsync(x => x.Id == committeeId && x.MunicipalityId == municipalityId, ct)
                    ?? throw new DomainException("Välj bland kommunens nämnder.", nameof(DecisionRequest.CommitteeId));
                if (await MemberCommitteeAsync(ct) is { } seat && seat != committee.Id)
                {
                    throw new ScopeViolationException("Du kan bara registrera beslut i den nämnd du sitter i.");
                }
                var caseNumber = (input.CaseNumber ?? "").Trim().ToUpperInvariant();
                if (await db.CaseNumbers.AnyAsync(n => n.MunicipalityId == municipalityId && n.Number == caseNumber, ct))
                {
                    throw new DomainException($"Diarienumret {caseNumber} är redan använt i kommunen.", nameof(DecisionRequest.CaseNumber));
                }

                var outlook = municipalityId == c.MunicipalityId ? await OutlookAsync(c, committeeId, await CommitmentRefresh.PlannedAsync(db, c, ct), ct) : BudgetOutlook.None;
                decision = c.RecordDecision(new DecisionInput(municipalityId, committee.Id, committee.Name, input.MeetingDate, input.Paragraph, input.CaseNumber,
                    input.Text, input.Approved ?? throw new DomainException("Ange om ärendet beviljades eller avslogs.", nameof(DecisionRequest.Approved)),
                    input.DecideBeyondFrame), outlook, User.Name, clock.GetUtcNow());
                db.CaseNumbers.Add(new CaseNumberEntry { MunicipalityId = municipalityId, Number = decision.CaseNumber, CaseId = c.Id });
                await handoffs.CaseApprovedAsync(c, ct);
            }, ct);
        }
        catch (DbUpdateException e) when (decision is not null && e.IsUniqueViolation())
        {
            // Another decision took the same number at the same moment: the unique key refused it.
            throw new DomainException($"Diarienumret {decision.CaseNumber} är redan använt i kommunen.", nameof(DecisionRequest.CaseNumber));
        }

        return decision!;
    }

    public Task<Case> ReturnAsync(Guid id, Guid? version, ReasonInput input, CancellationToken ct) =>
        ChangeAsync(id, version, Prepare, async c =>
        {
            c.ReturnForMoreWork(input.Reason, User.Name, clock.GetUtcNow());
            await handoffs.CaseReturnedAsync(c, ct);
        }, ct);

    public Task<Case> WithdrawAsync(Guid id, Guid? version, ReasonInput input, CancellationToken ct) =>
        ChangeAsync(id, version, (u, c) => CasePermissions.For(u, c).Withdraw, c =>
        {
            c.Withdraw(input.Reason, User.Name, clock.GetUtcNow());
            return Task.CompletedTask;
        }, ct);

    public Task<Case> AddPartyAsync(Guid id, Guid? version, PartyInput input, CancellationToken ct) => ChangeAsync(id, version, Prepare, async c =>
    {
        var number = OrgNumber.Parse(input.OrgNumber).ToString();
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.OrgNumber == number, ct)
            ?? throw new DomainException($"Organisationen {number} finns inte i registret. Registrera den först.", nameof(PartyInput.OrgNumber));
        c.AddParty(organisation.Id, organisation.LegalForm, organisation.Name, User.Name, clock.GetUtcNow());
    }, ct);

    public Task<Case> AddMunicipalityAsync(Guid id, Guid? version, ParticipantInput input, CancellationToken ct) => ChangeAsync(id, version, Prepare, async c =>
    {
        if (input.MunicipalityId is not { } municipalityId
            || await db.Municipalities.IgnoreQueryFilters().AnyAsync(m => m.Id == municipalityId, ct) is false)
        {
            throw new DomainException("Välj en kommun.", nameof(ParticipantInput.MunicipalityId));
        }

        c.AddMunicipality(municipalityId);
    }, ct);

    public async Task<(CaseAttachment Attachment, byte[] Content)?> AttachmentAsync(Guid caseId, Guid attachmentId, CancellationToken ct)
    {
        var attachment = await db.CaseAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.CaseId == caseId, ct);
        return attachment is null ? null : (attachment, await db.StoredFiles.AsNoTracking().Where(f => f.Id == attachmentId).Select(f => f.Content).SingleAsync(ct));
    }

    /// <summary>The case as the page and API show it: names, next steps, documents, double-funding flags, who decides and the budget against the frame.</summary>
    public async Task<CaseDto> ToDtoAsync(Case c, CancellationToken ct)
    {
        var permissions = CasePermissions.For(User, c);
        var leadStaff = User.SeesAllMunicipalities || User.MunicipalityIds.Contains(c.MunicipalityId);
        var documents = await DocumentsAsync(c, ct);
        var body = c.DecidingBody is { } chosen ? (Choice: chosen, Problem: (string?)null) : leadStaff ? await DeriveAsync(c, ct) : (null, null);
        var flags = leadStaff ? await FlagsAsync(c, body.Choice?.CommitteeId, ct) : [];
        var money = await CommitmentRefresh.PlannedAsync(db, c, ct);
        var outlook = leadStaff && body.Choice is { } b ? await OutlookAsync(c, b.CommitteeId, money, ct) : BudgetOutlook.None;
        var names = await NamesAsync(c.OrganisationIds, c.MunicipalityIds, c.RemitCommitteeIds, ct);
        var attachments = await db.CaseAttachments.AsNoTracking().Where(a => a.CaseId == c.Id).OrderBy(a => a.UploadedAt).Take(200)
            .Select(a => new AttachmentDto(a.Id, a.MeetingId, a.FileName, a.Format, a.Size)).ToListAsync(ct);
        return new(c.Id, c.Version, c.Title, c.Idea, c.TargetGroup, c.SimilarWork, c.State, c.State.Swedish(), c.OpenedAt,
            new(c.MunicipalityId, names.Name(c.MunicipalityId)), c.MunicipalityIds.Select(m => new NamedDto(m, names.Name(m))).ToList(),
            c.OrganisationIds.Select(o => new NamedDto(o, names.Name(o))).ToList(), c.GuidelineId, c.GuidelineNumber, c.Rules,
            c.TermStart, c.TermEnd, c.AmountPerYear, money, c.RemitCommitteeIds.Select(r => new NamedDto(r, names.Name(r))).ToList(),
            User.IsOrganisationBound ? c.OrganisationSteps(documents.SelectMany(d => d.Requirements).ToList()) : c.NextSteps(documents.SelectMany(d => d.Requirements).ToList(), flags), c.Transitions, c.Meetings, c.Criteria, c.Remit, c.CaseByCaseLegalForms, c.LegalFormJudgement, c.Suitability,
            c.DoubleFunding, flags, documents, body.Choice, body.Problem, outlook, c.Decisions, attachments, permissions);
    }

    /// <summary>Other support to the case's organisations, for the double-funding section.</summary>
    public async Task<IReadOnlyList<OtherSupportDto>> OtherSupportAsync(Case c, CancellationToken ct)
    {
        var rows = await db.OtherSupport.AsNoTracking().Where(s => s.MunicipalityId == c.MunicipalityId && c.OrganisationIds.Contains(s.OrganisationId))
            .OrderByDescending(s => s.ToYear).Take(100).ToListAsync(ct);
        var names = await NamesAsync(rows.Select(r => r.OrganisationId), [], rows.Select(r => r.CommitteeId), ct);
        return rows.Select(s => Funding.FundingService.ToDto(s, names.Name(s.OrganisationId), names.Name(s.CommitteeId))).ToList();
    }

    /// <summary>Who decides under the case's guideline, or why that cannot be said yet.</summary>
    private async Task<(DecidingBodyChoice? Choice, string? Problem)> DeriveAsync(Case c, CancellationToken ct)
    {
        var committees = await db.Committees.AsNoTracking().Where(x => x.MunicipalityId == c.MunicipalityId).ToListAsync(ct);
        if (committees.FirstOrDefault(x => x.IsExecutiveBoard) is not { } board)
        {
            return (null, "Kommunen har ingen kommunstyrelse registrerad i Samverka.");
        }

        try
        {
            return (c.Rules.Derive(board, committees.Where(x => c.RemitCommitteeIds.Contains(x.Id)).ToList(), c.MunicipalityIds.Count), null);
        }
        catch (DomainException e)
        {
            return (null, e.Message);
        }
    }

    private async Task<IReadOnlyList<PartyDocuments>> DocumentsAsync(Case c, CancellationToken ct)
    {
        var handedIn = await db.OrganisationDocuments.AsNoTracking().Where(d => c.OrganisationIds.Contains(d.OrganisationId))
            .Select(d => new { d.OrganisationId, d.Kind, d.Year }).ToListAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().Where(o => c.OrganisationIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var year = Swedish.Today(clock).Year;
        return organisations.OrderBy(o => c.OrganisationIds.ToList().IndexOf(o.Id))
            .Select(o => new PartyDocuments(o.Id, o.Name, DocumentCompleteness.Against(c.Rules.RequiredDocuments,
                handedIn.Where(d => d.OrganisationId == o.Id).Select(d => (d.Kind, d.Year)), year)
                .Select(r => organisations.Count > 1 ? r with { Kind = $"{r.Kind} ({o.Name})" } : r).ToList()))
            .ToList();
    }

    private async Task<IReadOnlyList<DoubleFundingFlag>> FlagsAsync(Case c, Guid? decidingCommitteeId, CancellationToken ct)
    {
        // Every support in the term's years is considered (a flag must not be missed because a list was cut short).
        var (first, last) = (c.TermStart?.Year ?? int.MinValue, c.TermEnd?.Year ?? int.MaxValue);
        var supports = await db.OtherSupport.AsNoTracking()
            .Where(s => s.MunicipalityId == c.MunicipalityId && c.OrganisationIds.Contains(s.OrganisationId) && s.FromYear <= last && s.ToYear >= first)
            .ToListAsync(ct);
        return DoubleFundingCheck.Flags(c.OrganisationIds.ToList(), $"{c.Title} {c.Idea}", c.TermStart, c.TermEnd, decidingCommitteeId, supports);
    }

    /// <summary>The case's money per year against the committee's frames and the other approved cases it already pays for.</summary>
    private async Task<BudgetOutlook> OutlookAsync(Case c, Guid committeeId, IReadOnlyList<Commitment> money, CancellationToken ct)
    {
        var planned = money.Where(x => x.MunicipalityId == c.MunicipalityId).ToList();
        var years = planned.Select(x => (x.Year, x.Amount)).ToList();
        if (years.Count == 0)
        {
            return BudgetOutlook.None;
        }

        var (first, last) = (years[0].Year, years[^1].Year);
        var frames = await db.BudgetFrames.AsNoTracking().Where(f => f.CommitteeId == committeeId && f.Year >= first && f.Year <= last)
            .Select(f => new { f.Year, f.Amount }).ToListAsync(ct);
        var committed = await funding.CommittedAsync(c.MunicipalityId, committeeId, first, last, c.Id, ct);
        return Budgets.Outlook(years, frames.ToDictionary(f => f.Year, f => f.Amount),
            committed.ToDictionary(x => x.Key.Year, x => x.Value)) with { Basis = planned[0].Basis };
    }

    /// <summary>Names of organisations, municipalities and committees in one query each, whatever the list (no query per row).</summary>
    private async Task<NameBook> NamesAsync(IEnumerable<Guid> organisations, IEnumerable<Guid> municipalities, IEnumerable<Guid> committees, CancellationToken ct)
    {
        var (o, m, k) = (organisations.Distinct().ToList(), municipalities.Distinct().ToList(), committees.Distinct().ToList());
        var book = new Dictionary<Guid, string>();
        // Names only, for records the actor already sees through a case: a partner municipality's name is not a secret.
        foreach (var x in await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(x => o.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
        {
            book[x.Id] = x.Name;
        }

        foreach (var x in await db.Municipalities.IgnoreQueryFilters().AsNoTracking().Where(x => m.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
        {
            book[x.Id] = x.Name;
        }

        foreach (var x in await db.Committees.IgnoreQueryFilters().AsNoTracking().Where(x => k.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
        {
            book[x.Id] = x.Name;
        }

        return new(book);
    }

    private sealed record NameBook(Dictionary<Guid, string> Names)
    {
        public string Name(Guid id) => Names.TryGetValue(id, out var n) ? n : "(okänd)";
    }

    /// <summary>The committee a committee member sits on (null for other roles, or a member not yet placed on one).</summary>
    public async Task<Guid?> MemberCommitteeAsync(CancellationToken ct) =>
        User.Role == Role.CommitteeMember
            ? await db.Users.Where(u => u.Id == User.UserId).Select(u => u.CommitteeId).FirstOrDefaultAsync(ct)
            : null;


    private static bool Prepare(CurrentUser u, Case c) => CasePermissions.For(u, c).Prepare;

    private static bool Decide(CurrentUser u, Case c) => CasePermissions.For(u, c).Decide;

    /// <summary>Loads the case in the actor's scope, checks the actor may make this kind of change, applies it and saves (one transaction, with its audit entry).</summary>
    private async Task<Case> ChangeAsync(Guid id, Guid? version, Func<CurrentUser, Case, bool> may, Func<Case, Task> change, CancellationToken ct)
    {
        var c = await FindAsync(id, ct) ?? throw new RecordNotFoundException("Ärendet");
        if (!may(User, c))
        {
            throw new ScopeViolationException("Du har inte behörighet att göra det här i ärendet.");
        }

        if (version is { } v)
        {
            db.Entry(c).Property(x => x.Version).OriginalValue = v;
        }

        await db.SaveChangeAsync(() => change(c), ct);
        return c;
    }

    private static void Field(string field, Action action)
    {
        try
        {
            action();
        }
        catch (DomainException e) when (e.Field is { } f && (f.StartsWith("Reason", StringComparison.Ordinal) || f == "Criterion"))
        {
            throw new DomainException(e.Message, field);
        }
    }

    private static decimal? ParseAmount(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : Swedish.ParseKronor(text, field);
}
