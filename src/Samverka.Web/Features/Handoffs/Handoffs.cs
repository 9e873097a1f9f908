using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Handoffs;

/// <summary>
/// Where one aggregate hands over to the next, each a named step in one place, run inside the
/// change that causes it (the same SaveChanges, so the same transaction):
/// <list type="bullet">
/// <item>a case sent to decision freezes the agreement drafted in it (<see cref="CaseSentToDecisionAsync"/>);</item>
/// <item>a case returned for more work thaws it (<see cref="CaseReturnedAsync"/>);</item>
/// <item>a case approved fixes the agreement by that decision (<see cref="CaseApprovedAsync"/>);</item>
/// <item>the last signature starts the partnership, or puts a signed amendment in force (<see cref="LastSignatureAsync"/>);</item>
/// <item>renewal opens a new case with the agreement in force as its draft
/// (<see cref="Partnerships.Renewal.RenewalService.RenewAsync"/>, which also names the renewal on the partnership).</item>
/// </list>
/// The services of cases and agreements call these; nothing here calls a service back.
/// </summary>
public sealed class Handoffs(SamverkaDbContext db, CurrentUserAccessor me, TimeProvider clock)
{
    private CurrentUser User => me.User;

    /// <summary>The case goes to decision: the agreement drafted in it goes too, frozen, so that the version decided is the version signed.</summary>
    public async Task CaseSentToDecisionAsync(Case c, CancellationToken ct)
    {
        if (await AgreementOfAsync(c, ct) is not { } agreement)
        {
            return;
        }

        if (agreement.Content.TermStart != c.TermStart || agreement.Content.TermEnd != c.TermEnd)
        {
            throw new DomainException("Avtalstiden i överenskommelsen och i ärendet skiljer sig åt. Ange samma avtalstid i båda innan ärendet skickas till beslut.");
        }

        agreement.SendToDecision();
    }

    /// <summary>The case is returned for more work: its agreement may be changed again.</summary>
    public async Task CaseReturnedAsync(Case c, CancellationToken ct) => (await AgreementOfAsync(c, ct))?.ReturnToDraft();

    /// <summary>The case is approved: the leading municipality's decision fixes its agreement, which then waits for signatures.</summary>
    public async Task CaseApprovedAsync(Case c, CancellationToken ct)
    {
        if (c.State == CaseState.Approved && await AgreementOfAsync(c, ct) is { } agreement
            && c.Decisions.FirstOrDefault(d => d.MunicipalityId == c.MunicipalityId) is { } lead)
        {
            agreement.Approve(Agreements.AgreementService.ToAgreementDecision(lead));
        }
    }

    /// <summary>
    /// The last party has signed. An agreement starts its partnership (payment schedule, meeting
    /// plan, obligations) with the official who completed the signing as the first of its team; a
    /// signed amendment takes effect in the running partnership of the agreement it amends.
    /// </summary>
    public async Task LastSignatureAsync(Agreement a, CancellationToken ct)
    {
        if (a.AmendsId is not { } amended)
        {
            var partnership = Partnership.Start(a, clock.GetUtcNow());
            db.Partnerships.Add(partnership);
            if (User.UserId is { } official && User.MunicipalityIds.Contains(a.MunicipalityId))
            {
                // The official who completes the signing starts the team that works with the partnership's personal data.
                var side = a.Content.Parties.FirstOrDefault(x => x.Kind == PartyKind.Municipality)?.Name ?? "Kommunen";
                db.TeamMembers.Add(new TeamMember(partnership.Id, a.MunicipalityId, official, User.Name, side, User.Name, clock.GetUtcNow()));
                db.TeamChanges.Add(new TeamChange(partnership.Id, a.MunicipalityId, User.Name, side, joined: true, "Undertecknade sist; partnerskapet startade.", User.Name, clock.GetUtcNow()));
            }

            return;
        }

        var root = amended;
        while (await db.Agreements.Where(x => x.Id == root).Select(x => x.AmendsId).FirstOrDefaultAsync(ct) is { } up)
        {
            root = up;
        }

        (await db.FindPartnershipAsync(x => x.AgreementId == root, RecordKinds.Payments, ct))?.ApplyAmendment(a, User.Name, Swedish.Today(clock));
    }

    private Task<Agreement?> AgreementOfAsync(Case c, CancellationToken ct) =>
        db.Agreements.FirstOrDefaultAsync(a => a.CaseId == c.Id && a.AmendsId == null, ct);
}
