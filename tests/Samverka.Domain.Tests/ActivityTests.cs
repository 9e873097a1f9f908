using Samverka.Domain.Agreements;
using Samverka.Domain.Common;
using Samverka.Domain.Partnerships;

namespace Samverka.Domain.Tests;

/// <summary>
/// The two real shapes of activity on one log: Söråker's work training for young people 14–25
/// (referred at a coordination meeting, voluntary with consent, placed with a supervisor) and
/// night walks paid per association and night at the agreed rate, accounted for openly.
/// </summary>
public sealed class ActivityTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static Partnership Soraker2018() => Partnership.Start(PartnershipTests.Signed(PartnershipTests.SorakerAgreementRules,
        new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31),
        new AgreementFacts { TargetGroup = "Ungdomar utan sysselsättning", AgeFrom = 14, AgeTo = 25, KeyFigures = ["Unga i arbetsträning", "Ideella timmar"] }), At);

    private static (Partnership P, CoordinationMeeting Meeting) Referred()
    {
        var p = Soraker2018();
        var meeting = p.RecordCoordination(new DateOnly(2018, 2, 5), "Socialförvaltningen, arbetsmarknadsenheten", "Handläggare, föreningens ordförande", "Den unge börjar i caféet.", "Tove Timrå", Today);
        return (p, meeting);
    }

    [Fact]
    public void A_participant_is_referred_at_a_coordination_meeting_and_must_be_inside_the_target_groups_ages()
    {
        var (p, meeting) = Referred();
        var young = Participant.Refer(p, "Elin Ek", new DateOnly(2003, 2, 5), meeting.Id, underActivityResponsibility: true, Today, At);
        Assert.Equal((15, new DateOnly(2018, 2, 5), "Socialförvaltningen, arbetsmarknadsenheten", true),
            (Participant.AgeOn(young.BirthDate!.Value, young.ReferredOn), young.ReferredOn, young.ReferringUnit, young.UnderActivityResponsibility));

        // 13 on the day of the meeting (14 the day after), and 26: outside 14–25.
        var thirteen = Assert.Throws<DomainException>(() => Participant.Refer(p, "För Ung", new DateOnly(2004, 2, 6), meeting.Id, false, Today, At));
        Assert.Equal(("BirthDate", "Den unge är 13 år 2018-02-05; målgruppen är 14–25 år."), (thirteen.Field, thirteen.Message));
        Assert.Contains("26 år", Assert.Throws<DomainException>(() => Participant.Refer(p, "För Gammal", new DateOnly(1992, 2, 5), meeting.Id, false, Today, At)).Message);
        Assert.Equal(25, Participant.AgeOn(new DateOnly(1992, 2, 6), meeting.Date)); // the day before the 26th birthday is still 25

        Assert.Equal("CoordinationMeetingId", Assert.Throws<DomainException>(() => Participant.Refer(p, "Elin Ek", new DateOnly(2003, 2, 5), Guid.NewGuid(), false, Today, At)).Field);
        Assert.Equal("Name", Assert.Throws<DomainException>(() => Participant.Refer(p, " ", new DateOnly(2003, 2, 5), meeting.Id, false, Today, At)).Field);
    }

    [Fact]
    public void Participation_is_voluntary_no_placement_without_consent_and_placements_do_not_overlap()
    {
        var (p, meeting) = Referred();
        var young = Participant.Refer(p, "Elin Ek", new DateOnly(2003, 2, 5), meeting.Id, false, Today, At);
        var refused = Assert.Throws<DomainException>(() => young.Place(p, "Caféet", "Eva Holmström", new DateOnly(2018, 2, 12), new DateOnly(2018, 5, 31), "Åsa Öberg"));
        Assert.Contains("samtycke", refused.Message, StringComparison.Ordinal);

        young.GiveConsent(new DateOnly(2018, 2, 10), "Elin Ek och vårdnadshavare", "Åsa Öberg", Today);
        Assert.True(young.HasConsent);
        Assert.True(Assert.Throws<DomainException>(() => young.GiveConsent(new DateOnly(2018, 2, 11), "Elin Ek", "Åsa Öberg", Today)).IsConflict);

        var spring = young.Place(p, "Caféet", "Eva Holmström", new DateOnly(2018, 2, 12), new DateOnly(2018, 5, 31), "Åsa Öberg");
        Assert.Equal("Eva Holmström", spring.Supervisor);
        var overlap = Assert.Throws<DomainException>(() => young.Place(p, "Snickeriet", "Christina Thonman", new DateOnly(2018, 5, 31), null, "Åsa Öberg"));
        Assert.Contains("överlappar", overlap.Message, StringComparison.Ordinal);
        Assert.Equal("Start", Assert.Throws<DomainException>(() => young.Place(p, "Snickeriet", "C", new DateOnly(2019, 1, 2), null, "x")).Field); // after the term
        Assert.Equal("End", Assert.Throws<DomainException>(() => young.Place(p, "Snickeriet", "C", new DateOnly(2018, 8, 1), new DateOnly(2018, 7, 1), "x")).Field);

        var autumn = young.Place(p, "Snickeriet", "Christina Thonman", new DateOnly(2018, 6, 1), null, "Åsa Öberg"); // open-ended: until the term ends
        Assert.Equal(2, young.Placements.Count);
        Assert.Contains("överlappar", Assert.Throws<DomainException>(() => young.Place(p, "Caféet", "E", new DateOnly(2018, 12, 1), null, "x")).Message, StringComparison.Ordinal);
        young.EndPlacement(autumn.Id, new DateOnly(2018, 9, 30), Today);
        young.Place(p, "Caféet", "Eva Holmström", new DateOnly(2018, 10, 1), null, "Åsa Öberg");
    }

    [Fact]
    public void Withdrawn_consent_ends_the_placements_and_erases_the_name_and_birth_date()
    {
        var (p, meeting) = Referred();
        var young = Participant.Refer(p, "Elin Ek", new DateOnly(2003, 2, 5), meeting.Id, true, Today, At);
        young.GiveConsent(new DateOnly(2018, 2, 10), "Elin Ek", "Åsa Öberg", Today);
        young.Place(p, "Caféet", "Eva Holmström", new DateOnly(2018, 2, 12), null, "Åsa Öberg");
        var note = DayNote.Write(young, new DateOnly(2018, 2, 12), "Första dagen gick bra.", "Åsa Öberg", Today, At);
        Assert.Equal((young.Id, p.Id), (note.ParticipantId, note.PartnershipId));

        Assert.Equal("WithdrawnOn", Assert.Throws<DomainException>(() => young.WithdrawConsent(new DateOnly(2018, 2, 9), "Åsa Öberg", Today)).Field);
        young.WithdrawConsent(new DateOnly(2018, 3, 15), "Åsa Öberg", Today);

        Assert.False(young.HasConsent);
        Assert.Equal(new DateOnly(2018, 3, 15), Assert.Single(young.Placements).End);
        Assert.DoesNotContain("Elin", young.Name, StringComparison.Ordinal);
        Assert.Null(young.BirthDate);
        Assert.DoesNotContain(young.Placements, pl => pl.Supervisor.Contains("Eva", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2018, 3, 15), young.ErasedOn);
        Assert.Throws<DomainException>(() => DayNote.Write(young, new DateOnly(2018, 3, 16), "Efter återkallelsen.", "Åsa Öberg", Today, At));
        Assert.True(Assert.Throws<DomainException>(() => young.GiveConsent(new DateOnly(2018, 4, 1), "Elin Ek", "x", Today)).IsConflict);
    }

    [Fact]
    public void Day_notes_are_kept_for_the_municipalitys_retention_period_counted_from_the_day_they_concern()
    {
        // Twelve months: on 2026-11-23 a note about 2025-11-23 is kept, one about 2025-11-22 is deleted.
        var oldest = DayNote.OldestKept(Today, 12);
        Assert.Equal(new DateOnly(2025, 11, 23), oldest);
        Assert.True(new DateOnly(2025, 11, 22) < oldest);
        Assert.Equal(new DateOnly(2027, 11, 23), DayNote.KeptUntil(Today, 12));

        var (p, meeting) = Referred();
        var young = Participant.Refer(p, "Elin Ek", new DateOnly(2003, 2, 5), meeting.Id, false, Today, At);
        young.GiveConsent(new DateOnly(2018, 2, 10), "Elin Ek", "Åsa Öberg", Today);
        Assert.Equal("Date", Assert.Throws<DomainException>(() => DayNote.Write(young, new DateOnly(2018, 2, 4), "Före remitteringen.", "x", Today, At)).Field);
        Assert.Equal("Date", Assert.Throws<DomainException>(() => DayNote.Write(young, Today.AddDays(1), "I morgon.", "x", Today, At)).Field);
        Assert.Equal("Text", Assert.Throws<DomainException>(() => DayNote.Write(young, new DateOnly(2018, 2, 12), " ", "x", Today, At)).Field);
    }

    [Fact]
    public void The_activity_log_counts_only_the_agreements_key_figures_and_sums_them_per_year()
    {
        var p = Soraker2018();
        p.LogActivity(new DateOnly(2018, 3, 1), "Caféet öppet", null, new Dictionary<string, decimal> { ["unga i arbetsträning"] = 3, ["Ideella timmar"] = 40 }, "Åsa Öberg", Today);
        p.LogActivity(new DateOnly(2018, 4, 1), "Vårstädning", "Tolv frivilliga.", new Dictionary<string, decimal> { ["Ideella timmar"] = 36 }, "Åsa Öberg", Today);

        var totals = p.KeyFigureTotals(2018);
        Assert.Equal(3m, totals["Unga i arbetsträning"]); // the agreement's spelling, whatever the case typed
        Assert.Equal(76m, totals["Ideella timmar"]);

        var unknown = Assert.Throws<DomainException>(() => p.LogActivity(new DateOnly(2018, 5, 1), "Loppis", null, new Dictionary<string, decimal> { ["Besökare"] = 200 }, "x", Today));
        Assert.Contains("Unga i arbetsträning, Ideella timmar", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("Date", Assert.Throws<DomainException>(() => p.LogActivity(new DateOnly(2019, 1, 1), "Efter avtalstiden", null, null, "x", Today)).Field);
        Assert.Equal("Figures", Assert.Throws<DomainException>(() => p.LogActivity(new DateOnly(2018, 5, 1), "Minus", null, new Dictionary<string, decimal> { ["Ideella timmar"] = -1 }, "x", Today)).Field);
    }

    [Fact]
    public void Night_walks_pay_each_association_the_agreed_rate_per_night_walked_and_the_account_names_no_walker()
    {
        var p = Soraker2018();
        Assert.Equal("Rate", Assert.Throws<DomainException>(() => p.RecordNightWalk(new DateOnly(2018, 3, 2), "Centrum", [new("IFK", 4)], true, "x", Today)).Field);
        p.SetNightWalkRate(2_400m); // the budget's 80 nätter × 2 400 kr

        p.RecordNightWalk(new DateOnly(2018, 3, 2), "Centrum", [new("Söderhamns IF", 4), new("Scouterna", 2)], true, "Ingrid", Today);
        p.RecordNightWalk(new DateOnly(2018, 3, 3), "Centrum", [new("Söderhamns IF", 3)], true, "Ingrid", Today);
        p.RecordNightWalk(new DateOnly(2018, 3, 3), "Hamnen", [new("söderhamns if", 2), new("Brottarklubben", 3)], true, "Ingrid", Today);

        var account = p.NightWalkAccount(2018);
        Assert.Equal(
        [
            new WalkPayout("Söderhamns IF", 2, 9, 4_800m), // two nights (the 3rd counts once although it walked two areas)
            new WalkPayout("Brottarklubben", 1, 3, 2_400m),
            new WalkPayout("Scouterna", 1, 2, 2_400m),
        ], account);

        Assert.Equal("AllAdults", Assert.Throws<DomainException>(() => p.RecordNightWalk(new DateOnly(2018, 3, 9), "Centrum", [new("IFK", 4)], false, "x", Today)).Field);
        Assert.Equal("Date", Assert.Throws<DomainException>(() => p.RecordNightWalk(new DateOnly(2018, 3, 2), "centrum", [new("IFK", 4)], true, "x", Today)).Field);
        Assert.Equal("Groups", Assert.Throws<DomainException>(() => p.RecordNightWalk(new DateOnly(2018, 3, 9), "Centrum", [new("IFK", 0)], true, "x", Today)).Field);
        Assert.Equal("Groups", Assert.Throws<DomainException>(() => p.RecordNightWalk(new DateOnly(2018, 3, 9), "Centrum", [new("IFK", 1), new("ifk", 1)], true, "x", Today)).Field);
        Assert.Equal("Groups", Assert.Throws<DomainException>(() => p.RecordNightWalk(new DateOnly(2018, 3, 9), "Centrum", [], true, "x", Today)).Field);
    }
}
