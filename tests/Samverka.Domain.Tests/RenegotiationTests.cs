using Samverka.Domain.Agreements;
using Samverka.Domain.Common;
using Samverka.Domain.Partnerships;

namespace Samverka.Domain.Tests;

/// <summary>Renegotiation after a significant deviation, ending in a signed amendment or a decision to leave; renewal and declining to extend.</summary>
public sealed class RenegotiationTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static (Agreement Agreement, Partnership Partnership) TwoYears()
    {
        var a = PartnershipTests.Signed(Guidelines.GuidelinePresets.Stenungsund, new DateOnly(2018, 1, 1), new DateOnly(2019, 12, 31)); // dialogue 9 months before the end, payments after an approved follow-up
        return (a, Partnership.Start(a, At));
    }

    [Fact]
    public void A_renegotiation_ends_in_a_signed_amendment_that_changes_the_budget_followed_and_reschedules_what_is_unpaid()
    {
        var (a, p) = TwoYears();
        p.MarkPaid(p.Payments[0].Id, new DateOnly(2018, 1, 15), "VER 1", "Tove", new DateOnly(2018, 1, 15));
        var r = p.StartRenegotiation("Caféet har stängt i sex veckor efter en vattenskada; färre ungdomar än planerat.", "Tove", new DateOnly(2018, 6, 1));
        Assert.True(Assert.Throws<DomainException>(() => p.StartRenegotiation("Igen.", "Tove", new DateOnly(2018, 6, 2))).IsConflict);
        p.LogRenegotiation(new DateOnly(2018, 6, 12), "Lars Backlund, Christina Thonman", "Verksamhetsstödet 2019 sänks till 400 tkr och en ny ledamot tillkommer.", "Tove", new DateOnly(2018, 6, 12));
        Assert.Equal("Date", Assert.Throws<DomainException>(() => p.LogRenegotiation(new DateOnly(2018, 5, 1), "x", "Före start.", "Tove", new DateOnly(2018, 6, 12))).Field);

        // The amendment: 2019's grant 400 tkr, a new member for Timrå; decided and signed by both.
        var amendment = a.Amend(1, At);
        var grant2019 = amendment.Content.Budget.Single(l => l.Year == 2019 && l.Category == BudgetCategory.OperatingGrant);
        amendment.SaveBudgetLine(grant2019 with { Calculation = BudgetCalculation.Parse("400 tkr") });
        amendment.SetSteeringGroup([.. amendment.Content.SteeringGroup, new SteeringMember(amendment.Content.Parties[0].Id, "Maria Berg", null)]);
        p.LinkAmendment(amendment.Id);
        Assert.True(Assert.Throws<DomainException>(() => p.ApplyAmendment(amendment, "Tove", new DateOnly(2018, 7, 1))).IsConflict); // not signed yet
        amendment.RecordAmendmentDecision(new AgreementDecision("Kommunstyrelsen", new DateOnly(2018, 6, 20), "§ 120", "KS 2018/210"));
        foreach (var s in amendment.Content.Signatories)
        {
            amendment.Sign(s.Id, new DateOnly(2018, 6, 25), "Tove", Today);
        }

        p.ApplyAmendment(amendment, "Tove", new DateOnly(2018, 7, 1));
        Assert.Equal(400_000m, p.BudgetLines.Single(l => l.Year == 2019 && l.Label == "Verksamhetsstöd").Budgeted);
        Assert.Equal(400_000m, p.Payments.Where(x => x.Year == 2019).Sum(x => x.Amount));
        Assert.Equal((500_000m, "VER 1"), (p.Payments[0].Amount, p.Payments[0].Reference)); // what was paid stays
        Assert.Contains(p.SteeringGroup, m => m.Name == "Maria Berg");
        Assert.Contains(p.SteeringChanges, c => c.Member == "Maria Berg" && c.Joined && c.Reason == "Tillägg 1");
        var closed = Assert.Single(p.Renegotiations);
        Assert.Equal((RenegotiationOutcome.Amended, new DateOnly(2018, 7, 1)), (closed.Outcome!.Value, closed.ClosedOn!.Value));
        Assert.Equal(r.Id, closed.Id);
        Assert.Equal(1, Assert.Single(p.Amendments).Number);
    }

    [Fact]
    public void A_renegotiation_may_end_in_a_decision_to_leave_which_cancels_later_payments_and_ends_the_partnership()
    {
        var (_, p) = TwoYears();
        Assert.Equal("On", Assert.Throws<DomainException>(() => p.Leave(new DateOnly(2018, 9, 30), "Beslut.", "Tove", Today)).Field); // no renegotiation
        p.StartRenegotiation("Föreningen kan inte längre erbjuda handledning.", "Tove", new DateOnly(2018, 8, 1));
        Assert.Equal("Decision", Assert.Throws<DomainException>(() => p.Leave(new DateOnly(2018, 9, 30), " ", "Tove", Today)).Field);
        p.Leave(new DateOnly(2018, 9, 30), "Föreningens styrelse 2018-08-20 § 7: föreningen lämnar partnerskapet.", "Christina", Today);
        Assert.Equal(EndKind.Left, p.Ended!.Kind);
        Assert.True(p.Payments.Single(x => x.Year == 2019).Cancelled);
        Assert.False(p.Payments.Single(x => x.Year == 2018).Cancelled); // due before the end
        Assert.Equal(RenegotiationOutcome.Left, p.Renegotiations[0].Outcome);
        Assert.True(Assert.Throws<DomainException>(() => p.RecordReview(new DateOnly(2018, 10, 1), "x", "y", "x", Today)).IsConflict);
    }

    [Fact]
    public void A_party_may_decline_to_extend_without_a_reason_and_then_no_renewal_is_asked_for()
    {
        var (_, p) = TwoYears();
        var dialogueDue = p.Due(new DateOnly(2019, 4, 5));
        Assert.Contains(dialogueDue, d => d.Text.StartsWith("Inled dialogen", StringComparison.Ordinal));
        Assert.Equal((new DateOnly(2020, 1, 1), new DateOnly(2021, 12, 31)), p.NextTerm(maxYears: 4));
        Assert.Equal((new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31)), p.NextTerm(maxYears: 1));

        p.DeclineExtension(p.Parties[1].Id, new DateOnly(2019, 3, 1), "Christina", Today);
        Assert.Equal("Söråkers Folketshusförening", p.Declined!.Party);
        Assert.DoesNotContain(p.Due(new DateOnly(2019, 4, 5)), d => d.Text.StartsWith("Inled dialogen", StringComparison.Ordinal));
        Assert.True(Assert.Throws<DomainException>(() => p.MarkRenewed(Guid.NewGuid())).IsConflict);

        var (_, renewed) = TwoYears();
        renewed.MarkRenewed(Guid.NewGuid());
        Assert.DoesNotContain(renewed.Due(new DateOnly(2019, 4, 5)), d => d.Text.StartsWith("Inled dialogen", StringComparison.Ordinal));
        Assert.True(Assert.Throws<DomainException>(() => renewed.DeclineExtension(renewed.Parties[0].Id, new DateOnly(2019, 3, 1), "x", Today)).IsConflict);
    }
}
