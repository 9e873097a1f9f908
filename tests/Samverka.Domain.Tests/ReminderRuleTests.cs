using Samverka.Domain.Deadlines;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Partnerships;

namespace Samverka.Domain.Tests;

/// <summary>When a reminder is due, who acts on what, and what counts as done: the rules of the deadline engine on the seeds' figures.</summary>
public sealed class ReminderRuleTests
{
    private static readonly DateOnly Meeting = new(2026, 12, 10);

    [Fact]
    public void The_organisation_acts_only_on_its_yearly_report_and_is_told_about_what_it_acts_on()
    {
        Assert.Equal([DueKind.YearlyFollowUp], Enum.GetValues<DueKind>().Where(Reminders.OrganisationActsOn));
        Assert.All(Enum.GetValues<DueKind>().Where(Reminders.OrganisationActsOn),
            k => Assert.True(Reminders.ActorsOf(k, Audience.Partnership).HasFlag(Actors.Organisation)));
    }

    [Theory]
    [InlineData("2026-12-02", 7, null)]
    [InlineData("2026-12-03", 7, Occasion.Before)]
    [InlineData("2026-12-09", 7, Occasion.Before)]
    [InlineData("2026-12-10", 7, Occasion.OnDay)]
    [InlineData("2026-12-11", 7, Occasion.Late)]
    [InlineData("2027-06-30", 7, Occasion.Late)]
    [InlineData("2026-12-09", 0, null)]
    [InlineData("2026-10-11", 999, Occasion.Before)] // the lead time is at most 60 days
    [InlineData("2026-10-10", 999, null)]
    public void A_reminder_comes_the_lead_time_before_on_the_day_and_late(string today, int lead, Occasion? expected) =>
        Assert.Equal(expected, Reminders.OccasionOn(DateOnly.Parse(today), Meeting, lead));

    [Fact]
    public void The_guidelines_review_is_told_when_the_mandate_period_begins_not_a_week_before_it_ends()
    {
        // Stenungsund's guidelines (KF 2023) are to be reviewed in the period 2026–2030, which began on 2026-10-15.
        var review = GuidelineReview.For(new DateOnly(2023, 11, 30), new DateOnly(2026, 12, 1));
        Assert.Equal((ReviewStatus.Due, new DateOnly(2030, 10, 14)), (review.Status, review.DueBy));
        Assert.Equal(Occasion.Before, Reminders.OccasionOn(new DateOnly(2026, 12, 1), review.DueBy, 7, review.DuePeriod.Start));
        Assert.Null(Reminders.OccasionOn(new DateOnly(2026, 10, 14), review.DueBy, 7, review.DuePeriod.Start));
    }

    [Theory]
    [InlineData("2026-11-20", "2027-01-01", "2026-12-31")] // decided before the term starts
    [InlineData("2026-11-20", "2026-11-01", "2027-01-19")] // a term already begun: 60 days
    [InlineData("2026-11-20", null, "2027-01-19")]
    public void A_case_in_the_decision_step_is_due_before_its_term_starts(string sent, string? termStart, string due) =>
        Assert.Equal(DateOnly.Parse(due), Reminders.DecisionDue(DateOnly.Parse(sent), termStart is null ? null : DateOnly.Parse(termStart)));

    [Fact]
    public void The_organisation_acts_on_meetings_and_reports_the_team_alone_on_money_and_renewal_the_committee_on_what_comes_before_it()
    {
        Assert.Equal(Actors.Team | Actors.Organisation, Reminders.ActorsOf(DueKind.Meeting, Audience.Partnership));
        Assert.Equal(Actors.Team | Actors.Organisation, Reminders.ActorsOf(DueKind.YearlyFollowUp, Audience.Partnership));
        Assert.Equal(Actors.Team, Reminders.ActorsOf(DueKind.Payment, Audience.Partnership));
        Assert.Equal(Actors.Team, Reminders.ActorsOf(DueKind.Renewal, Audience.Partnership));
        Assert.Equal(Actors.Committee, Reminders.ActorsOf(DueKind.QuarterlyFollowUp, Audience.Committee));
        Assert.Equal([ReminderKind.Meeting, ReminderKind.FollowUp, ReminderKind.FollowUp, ReminderKind.Payment, ReminderKind.Renewal],
            new[] { DueKind.Meeting, DueKind.YearlyFollowUp, DueKind.QuarterlyFollowUp, DueKind.Payment, DueKind.Renewal }.Select(Reminders.KindOf));
        Assert.Equal(Delivery.Digest, Reminders.DefaultDelivery(ReminderKind.Escalation));
        Assert.Equal(Delivery.Immediately, Reminders.DefaultDelivery(ReminderKind.Payment));
    }

    [Fact]
    public void Subjects_say_what_and_how_it_stands_in_Swedish()
    {
        Assert.Equal("Styrgruppsmöte – senast 2026-12-10", Reminders.Subject(Occasion.Before, "Styrgruppsmöte", Meeting));
        Assert.Equal("Styrgruppsmöte – i dag", Reminders.Subject(Occasion.OnDay, "Styrgruppsmöte", Meeting));
        Assert.Equal("Försenat: Styrgruppsmöte (skulle ha gjorts 2026-12-10)", Reminders.Subject(Occasion.Late, "Styrgruppsmöte", Meeting));
        Assert.Equal("Försenat i kommunen: Årsuppföljning 2026 (senast 2027-03-31)", Reminders.EscalationSubject("Årsuppföljning 2026", new DateOnly(2027, 3, 31)));
    }

    [Fact]
    public void A_months_ordinary_meeting_held_on_another_day_is_owed_no_more_but_an_extra_meeting_does_not_count()
    {
        var p = Partnership.Start(PartnershipTests.Signed(PartnershipTests.SorakerAgreementRules, new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31)),
            new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var at = new DateTimeOffset(2018, 3, 20, 9, 0, 0, TimeSpan.Zero);
        p.RecordMeeting(new DateOnly(2018, 2, 3), MeetingKind.Ordinary, null, ["Lars Backlund", "Christina Thonman"], null, [], "Tove Timrå", at);
        p.RecordMeeting(new DateOnly(2018, 3, 1).AddDays(5), MeetingKind.Extra, null, ["Lars Backlund", "Christina Thonman"], null, [], "Tove Timrå", at);
        var keys = p.Obligations().Select(o => o.Key).ToHashSet();
        Assert.DoesNotContain("meeting:2018-02-01", keys);
        Assert.Contains("meeting:2018-03-01", keys);
    }

    [Fact]
    public void The_month_extension_is_decided_and_the_monthly_tripartite_reviews_after_a_referral_are_owed()
    {
        // Söråker: "Beslut om förlängning fattas i november" (2018-11); a young person referred in January 2018.
        var agreement = PartnershipTests.Signed(PartnershipTests.SorakerAgreementRules, new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31),
            new Agreements.AgreementFacts { TargetGroup = "Ungdomar 14–25 år", ExtensionDecidedIn = new DateOnly(2018, 11, 1) });
        var p = Partnership.Start(agreement, new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var extension = p.Obligations().Single(o => o.Key == "extension:2018-11");
        Assert.Equal((new DateOnly(2018, 10, 2), new DateOnly(2018, 11, 30), DueKind.Renewal), (extension.ShowFrom, extension.By, extension.Kind));
        Assert.Equal(ReminderKind.Renewal, Reminders.KindOf(extension.Kind));
        Assert.DoesNotContain(p.Obligations(), o => o.Kind == DueKind.TripartiteReview); // nobody referred yet

        p.RecordCoordination(new DateOnly(2018, 1, 10), "Arbetsmarknadsenheten", "Handläggare, handledare", "Placering från 15 januari.", "Tove Timrå", new DateOnly(2018, 1, 10));
        p.RecordReview(new DateOnly(2018, 1, 20), "Remitterande, ungdomen, handledaren", "Första veckorna i caféet.", "Tove Timrå", new DateOnly(2018, 1, 20));
        var reviews = p.Obligations().Where(o => o.Kind == DueKind.TripartiteReview).ToList();
        Assert.Equal(11, reviews.Count); // February to December: January's is held
        Assert.Equal((new DateOnly(2018, 2, 1), new DateOnly(2018, 2, 28)), (reviews[0].ShowFrom, reviews[0].By));
        Assert.Equal(Actors.Team, Reminders.ActorsOf(DueKind.TripartiteReview, Audience.Partnership)); // the municipality convenes them

        p.DeclineExtension(p.Parties[1].Id, new DateOnly(2018, 10, 15), "Tove Timrå", new DateOnly(2018, 10, 15));
        Assert.DoesNotContain(p.Obligations(), o => o.Key.StartsWith("extension:", StringComparison.Ordinal)); // declined: nothing to decide
    }
}
