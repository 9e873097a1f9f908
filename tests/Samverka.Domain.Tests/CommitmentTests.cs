using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Funding;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Partnerships;

namespace Samverka.Domain.Tests;

/// <summary>One figure per case, municipality and year, on the Söråker agreement's figures (Timrå: 500 tkr grant, 5 tkr steering-group costs, 25 tkr supervision in kind).</summary>
public sealed class CommitmentTests
{
    private static readonly Guid Timra = PartnershipTests.Timra.Id;
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static Case Approved(int years = 1) =>
        CaseTests.Approved(Timra, new DateOnly(2018, 1, 1), new DateOnly(2017 + years, 12, 31), 530_000m);

    [Fact]
    public void Until_an_agreement_gives_the_municipalitys_money_the_cases_amount_is_an_estimate_spread_over_the_term()
    {
        var c = CaseTests.Approved(Timra, new DateOnly(2018, 7, 1), new DateOnly(2019, 6, 30), 530_000m);
        var planned = Commitments.Planned(c, agreement: null, partnership: null);
        Assert.Equal([(2018, 267_178m), (2019, 262_822m)], planned.Select(x => (x.Year, x.Amount)));
        Assert.All(planned, x => Assert.Equal(CommitmentBasis.Estimate, x.Basis));
    }

    [Fact]
    public void The_agreement_decides_from_when_it_has_the_municipalitys_money_and_money_in_kind_is_not_committed()
    {
        var c = Approved();
        var draft = PartnershipTests.Signed(PartnershipTests.SorakerAgreementRules, new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31)).Content;
        var x = Assert.Single(Commitments.Planned(c, draft, partnership: null));
        Assert.Equal((2018, 505_000m, CommitmentBasis.Proposal), (x.Year, x.Amount, x.Basis)); // 500 tkr grant + 5 tkr steering group, not the 25 tkr supervision

        var binding = Assert.Single(Commitments.Binding(c, draft, null));
        Assert.Equal(c.Decisions[0].CommitteeId, binding.CommitteeId);
    }

    [Fact]
    public void An_agreement_without_the_municipalitys_money_yet_leaves_the_estimate_standing()
    {
        var c = Approved();
        var empty = Agreement.Draft(c.Id, Timra, [Timra], [PartnershipTests.Soraker.Id], PartnershipTests.SorakerAgreementRules, "IOP",
            [PartnershipTests.Timra, PartnershipTests.Soraker], Agreement.SectionsFrom(PartnershipTests.SorakerAgreementRules, new Dictionary<string, string>()), new AgreementFacts(), new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), DateTimeOffset.UnixEpoch).Content;
        Assert.Equal((530_000m, CommitmentBasis.Estimate), Commitments.Planned(c, empty, null).Select(x => (x.Amount, x.Basis)).Single());
    }

    [Fact]
    public void In_a_running_partnership_payments_follow_the_agreement_and_cancelled_payments_leave_the_commitment()
    {
        var c = Approved(years: 2);
        var agreement = PartnershipTests.Signed(PartnershipTests.SorakerAgreementRules, new DateOnly(2018, 1, 1), new DateOnly(2019, 12, 31));
        var p = Partnership.Start(agreement, new DateTimeOffset(2017, 12, 20, 9, 0, 0, TimeSpan.Zero));
        p.MarkPaid(p.Payments[0].Id, new DateOnly(2018, 1, 15), "VER 2018-17", "Tove", Today);

        var running = Commitments.Planned(c, agreement.Content, p);
        Assert.Equal([(2018, 505_000m, 500_000m), (2019, 505_000m, 0m)], running.Select(x => (x.Year, x.Amount, x.Paid)));
        Assert.All(running, x => Assert.Equal(CommitmentBasis.InForce, x.Basis));

        p.Terminate(new DateOnly(2018, 6, 1), "Verksamheten har upphört.", "Tove", Today);
        var ended = Commitments.Planned(c, agreement.Content, p);
        Assert.Equal([(2018, 505_000m, 500_000m), (2019, 0m, 0m)], ended.Select(x => (x.Year, x.Amount, x.Paid)));
    }

    [Fact]
    public void Nothing_binds_a_frame_before_the_municipality_has_approved()
    {
        var open = CaseTests.InDraftIn(Timra);
        open.SetTerm(new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31));
        open.SetMoney(530_000m);
        Assert.Single(Commitments.Planned(open, null, null));
        Assert.Empty(Commitments.Binding(open, null, null));
    }
}
