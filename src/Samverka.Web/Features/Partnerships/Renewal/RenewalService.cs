using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Features.Agreements;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships.Renewal;

public sealed class RenegotiationInput : PartnershipChange
{
    public string? Deviation { get; set; }
}

public sealed class RenegotiationNoteInput : PartnershipChange
{
    public DateOnly? Date { get; set; }
    public string? Participants { get; set; }
    public string? Text { get; set; }
}

public sealed class LeaveInput : PartnershipChange
{
    public DateOnly? On { get; set; }
    public string? Decision { get; set; }
}

public sealed class DeclineInput : PartnershipChange
{
    public Guid? PartyId { get; set; }
    public DateOnly? On { get; set; }
}

/// <summary>Where a renewal or an amendment was opened: the page to go on to.</summary>
public sealed record OpenedDto(Guid Id, string Url);

/// <summary>
/// Renegotiation (a logged dialogue ending in a signed amendment or a decision to leave), declining
/// to extend, and renewal: a new case whose agreement draft is the current agreement moved to the
/// next term.
/// </summary>
public sealed class RenewalService(SamverkaDbContext db, CurrentUserAccessor me, TimeProvider clock, PartnershipService partnerships,
    AgreementService agreements, Guidelines.GuidelineService guidelines)
{
    private CurrentUser User => me.User;

    public Task<Partnership> StartAsync(Guid id, RenegotiationInput input, CancellationToken ct) =>
        partnerships.ChangeAsync(id, input, RecordKinds.None, PartnershipService.Root, manage: false, p => p.StartRenegotiation(input.Deviation, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> LogAsync(Guid id, RenegotiationNoteInput input, CancellationToken ct) =>
        partnerships.ChangeAsync(id, input, RecordKinds.None, PartnershipService.Root, manage: false, p => p.LogRenegotiation(input.Date, input.Participants, input.Text, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> LeaveAsync(Guid id, LeaveInput input, CancellationToken ct) =>
        partnerships.ChangeAsync(id, input, RecordKinds.Payments, PartnershipService.Root, manage: false, p => p.Leave(input.On, input.Decision, User.Name, Swedish.Today(clock)), ct);

    /// <summary>A party declines to extend; each user declines only for the party they belong to.</summary>
    public Task<Partnership> DeclineAsync(Guid id, DeclineInput input, CancellationToken ct) =>
        partnerships.ChangeAsync(id, input, RecordKinds.None, PartnershipService.Root, manage: false, p =>
        {
            var party = p.Parties.FirstOrDefault(x => x.Id == input.PartyId);
            var own = party is not null && (User.SeesAllMunicipalities
                || (party.Kind == PartyKind.Municipality && User.MunicipalityIds.Contains(party.Id))
                || (party.Kind == PartyKind.Organisation && User.OrganisationIds.Contains(party.Id)));
            if (party is not null && !own)
            {
                throw new DomainException($"Du kan bara avböja förlängning för den part du företräder, inte för {party.Name}.", nameof(DeclineInput.PartyId));
            }

            p.DeclineExtension(input.PartyId, input.On, User.Name, Swedish.Today(clock));
        }, ct);

    /// <summary>The open renegotiation leads to an amendment of the agreement in force: drafted now, decided and signed on its own.</summary>
    public async Task<OpenedDto> DraftAmendmentAsync(Guid id, CancellationToken ct)
    {
        var p = await db.FindPartnershipAsync(id, RecordKinds.None, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        EnsureManages(p);
        var renegotiation = p.OpenRenegotiation ?? throw new DomainException("Inled en omförhandling först; ett tillägg är dess utfall.");
        if (renegotiation.AmendmentId is { } existing)
        {
            return new(existing, $"/overenskommelser/{existing}");
        }

        var inForce = p.Amendments.Count > 0 ? p.Amendments[^1].AgreementId : p.AgreementId;
        await using var tx = await db.Database.BeginTransactionAsync(ct); // the amendment and its link to the renegotiation, or neither
        var amendment = await agreements.AmendAsync(inForce, ct);
        p.LinkAmendment(amendment.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(amendment.Id, $"/overenskommelser/{amendment.Id}");
    }

    /// <summary>
    /// Renewal: a new case under the municipality's current guidelines, and as its agreement draft
    /// the agreement in force moved to the next term (its sections by heading, facts, steering
    /// group, signatories without signatures, and the budget year by year, the last year repeated
    /// when the new term is longer). The case then goes through dialogue and decision as any other.
    /// </summary>
    public async Task<OpenedDto> RenewAsync(Guid id, CancellationToken ct)
    {
        var p = await db.FindPartnershipAsync(id, RecordKinds.None, ct) ?? throw new RecordNotFoundException("Partnerskapet");
        EnsureManages(p);
        var guideline = await guidelines.CurrentAsync(p.MunicipalityId, ct) ?? throw new DomainException("Kommunen har inga gällande riktlinjer för IOP.");
        var inForceId = p.Amendments.Count > 0 ? p.Amendments[^1].AgreementId : p.AgreementId;
        var inForce = await db.Agreements.AsNoTracking().SingleAsync(a => a.Id == inForceId, ct);
        var oldCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == inForce.CaseId, ct);
        var organisationId = p.OrganisationIds[0];
        var legalForm = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.LegalForm).SingleAsync(ct);
        var content = inForce.Content;
        var (start, end) = p.NextTerm(guideline.Rules.MaxTermYears);
        var municipal = content.Parties.Where(x => x.Kind == PartyKind.Municipality).Select(x => x.Id).ToHashSet();
        var grant = content.Budget.Where(l => l.Year == content.Budget.Max(b => b.Year) && municipal.Contains(l.PartyId) && !l.InKind && l.Category == BudgetCategory.OperatingGrant).Sum(l => l.Amount);
        var now = clock.GetUtcNow();
        var renewal = Case.Open(guideline, organisationId, legalForm, new Initiative(
            $"{oldCase.Title} ({start.Year}–{end.Year})",
            $"Förnyelse av partnerskapet {Swedish.Date(p.TermStart)} – {Swedish.Date(p.TermEnd)}. {oldCase.Idea}",
            oldCase.TargetGroup, "Verksamheten bedrivs redan i ett idéburet offentligt partnerskap med kommunen.", start, end, grant > 0 ? grant : null), User.Name, now);
        p.MarkRenewed(renewal.Id);

        var texts = content.Sections.Where(s => s.Text.Length > 0).GroupBy(s => s.Heading).ToDictionary(g => g.Key, g => g.First().Text);
        var draft = Agreement.Draft(renewal.Id, p.MunicipalityId, p.MunicipalityIds, p.OrganisationIds, guideline.Rules, content.Title, content.Parties,
            Agreement.SectionsFrom(guideline.Rules, texts), content.Facts with { ExtensionDecidedIn = null }, start, end, now);
        var firstOld = content.Budget.Count == 0 ? start.Year : content.Budget.Min(l => l.Year);
        var lastOld = content.Budget.Count == 0 ? start.Year : content.Budget.Max(l => l.Year);
        for (var year = start.Year; year <= end.Year; year++)
        {
            var from = Math.Min(firstOld + (year - start.Year), lastOld);
            foreach (var line in content.Budget.Where(l => l.Year == from))
            {
                draft.SaveBudgetLine(line with { Id = Guid.CreateVersion7(), Year = year, StatedAmount = null, StatedHours = null });
            }
        }

        draft.SetSteeringGroup(content.SteeringGroup);
        draft.SetSignatories(content.Signatories.Select(s => s with { Id = Guid.Empty, SignedOn = null, RecordedBy = null }).ToList());
        db.Cases.Add(renewal);
        db.Agreements.Add(draft);
        db.AgreementVersions.Add(new AgreementVersion(draft, User.Name, now, $"Förnyelse: överenskommelsen {Swedish.Date(p.TermStart)} – {Swedish.Date(p.TermEnd)} som utkast till nästa"));
        await db.SaveChangesAsync(ct);
        return new(renewal.Id, $"/arenden/{renewal.Id}");
    }

    private void EnsureManages(Partnership p)
    {
        if (!PartnershipService.PermissionsFor(User, p).Manage)
        {
            throw new ScopeViolationException("Bara kommunens handläggare kan göra det här.");
        }
    }
}

public static class RenewalApi
{
    public static void MapRenewalApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}").WithTags("Partnerskap");
        group.Change<RenewalService, RenegotiationInput>("/renegotiations", Policies.SignedIn, "Inled en omförhandling efter väsentlig avvikelse från plan eller budget", (s, id, i, ct) => s.StartAsync(id, i, ct));
        group.Change<RenewalService, RenegotiationNoteInput>("/renegotiations/notes", Policies.SignedIn, "Logga ett samtal i omförhandlingen", (s, id, i, ct) => s.LogAsync(id, i, ct));
        group.Change<RenewalService, LeaveInput>("/renegotiations/leave", Policies.SignedIn, "Omförhandlingen slutar med beslut att lämna partnerskapet", (s, id, i, ct) => s.LeaveAsync(id, i, ct));
        group.Change<RenewalService, DeclineInput>("/extension/declined", Policies.SignedIn, "En part avböjer förlängning (inget skäl behövs)", (s, id, i, ct) => s.DeclineAsync(id, i, ct));
        group.MapPost("/renegotiations/amendment", async Task<Ok<OpenedDto>> (Guid id, RenewalService service, CancellationToken ct) =>
                TypedResults.Ok(await service.DraftAmendmentAsync(id, ct)))
            .RequireAuthorization(Policies.CaseWork)
            .WithSummary("Upprätta ett tillägg till överenskommelsen som utfall av omförhandlingen; det gäller när det är beslutat och undertecknat");
        group.MapPost("/renewal", async Task<Ok<OpenedDto>> (Guid id, RenewalService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RenewAsync(id, ct)))
            .RequireAuthorization(Policies.CaseWork)
            .WithSummary("Förnya: ett nytt ärende med gällande överenskommelse som utkast till nästa avtalsperiod");
    }
}
