using Samverka.Domain.Organisations;

namespace Samverka.Domain.Guidelines;

/// <summary>
/// The guidelines of the seed municipalities, as they read (shared/seeds), for a new
/// municipality to start from. Blank starts with the common structure and no criteria of its own.
/// </summary>
public static class GuidelinePresets
{
    public const string StenungsundKey = "stenungsund";
    public const string SoderhamnKey = "soderhamn";
    public const string BlankKey = "tom";

    /// <summary>The twelve sections Stenungsund requires of every agreement; the default for all.</summary>
    public static readonly IReadOnlyList<string> TwelveSections =
    [
        "Bakgrund, syfte, mål och målgrupp",
        "Värdegrund",
        "Ansvarsfördelning och insatser",
        "Ekonomisk fördelning",
        "Tid för avtal samt möjlighet till förlängning och uppsägning",
        "Samverkansformer",
        "Utvärdering och uppföljning",
        "Rutiner för utbetalning och ekonomisk redovisning",
        "Övrig ansvarsfördelning",
        "Omförhandling, hävningsrätt och tvist",
        "Parter",
        "Underskrift",
    ];

    private static readonly IReadOnlyList<AcceptedLegalForm> IdeaBasedForms =
    [
        new(LegalForm.NonProfitAssociation), new(LegalForm.Foundation), new(LegalForm.RegisteredFaithCommunity),
        new(LegalForm.LimitedCompanyRestrictedProfit), new(LegalForm.EconomicAssociation, CaseByCase: true),
    ];

    public static GuidelineRules Stenungsund => new()
    {
        Criteria =
        [
            "Verksamheten sker på initiativ av den idéburna organisationen (liknande verksamhet förekommer redan hos den idéburna organisationen).",
            "Verksamheten är ett led i att förverkliga Stenungsunds kommuns Vision 2035, strategiska plan eller andra politiskt fattade beslut.",
            "Verksamheten kan inte ses som en del av det normerade föreningsbidraget.",
            "Det finns inte en marknad eller en konkurrenssituation att vårda.",
            "Bägge parterna är med och finansierar verksamheten (med ekonomiska medel eller andra insatser).",
            "Verksamheten detaljregleras inte från kommunen.",
            "Verksamheten avses drivas under en längre tid.",
            "Verksamheten bidrar till lokal utveckling och delaktighet i samhället.",
            "Varken den offentliga organisationen eller den idéburna organisationen vill göra den idéburna organisationen till underleverantör, utan i stället en fortsatt fri och självständig aktör.",
        ],
        RequiredDocuments =
        [
            "Stadgar",
            "Beskrivning av föreningens verksamhetsidé och ordinarie verksamhet",
            "Årsmötesprotokoll",
            "Verksamhetsberättelse",
            "Ekonomisk berättelse med bokslut",
            "Revisionsberättelse",
            "Verksamhetsplan och styrelseförteckning",
            "Uppgift om medlemsantal",
        ],
        // The seed names ideell förening; the national definition of idéburen organisation adds the others.
        LegalForms = [new(LegalForm.NonProfitAssociation), new(LegalForm.Foundation), new(LegalForm.RegisteredFaithCommunity), new(LegalForm.LimitedCompanyRestrictedProfit)],
        VisionOrFocusAreas = ["Vision 2035"],
        AgreementSections = TwelveSections,
        Remit = "Förebyggande arbete och rådgivning eller annat stöd till behövande inom till exempel skola, individ- och familjeomsorg, "
            + "kvalitetshöjande verksamhet för äldre eller barn och unga, integration av personer utanför arbetsmarknaden och samhällslivet. "
            + "Verksamheten ska följa socialtjänstlagens (2001:453) grundläggande värderingar och annan svensk lag.",
        RepaymentClause = "Om betydande avvikelse från plan och budget sker ska parterna föra en dialog och godkänna förändringarna. Om någon part inte uppfyller villkoren eller brister i sina åtaganden, "
            + "eller om omständigheterna väsentligt förändras, ska parterna föra en dialog om huruvida partnerskapet kan fortsätta. I sista hand har part rätt att lämna partnerskapet.\n\n"
            + "Om verksamheten förändras eller upphör under avtalsperioden kan den idéburna verksamheten bli återbetalningsskyldig gentemot kommunen. "
            + "Kommunen har rätt att kräva stödet åter helt eller delvis om det används felaktigt eller inte för avsett ändamål. Eventuellt överskott ska användas för samma eller liknande ändamål.",
        MaxTermYears = 5,
        ExtensionAllowed = false,
        RenewalDialogueMonthsBefore = 9,
        RenewLatestMonthsBefore = 3,
        PaymentInterval = Interval.Yearly,
        MinimumFollowUp = Interval.Yearly,
        FollowUpGatesPayment = true,
        DecidingBody = DecidingBodyRule.ExecutiveBoard,
        ConsultLegalAndFinance = false,
        DoubleFundingBanned = false,
        RequiresExistingSimilarActivity = true,
        InitiativeMayComeFromDialogue = false,
    };

    public static GuidelineRules Soderhamn => new()
    {
        Criteria =
        [
            "Verksamheten sker på initiativ av den idéburna organisationen eller växer fram som ett resultat av en dialog mellan parterna.",
            "Verksamheten är ett led i, eller ett komplement till, att förverkliga den kommunala verksamhetens mål och vision.",
            "Verksamheten kan inte ses som en del av det normerade föreningsbidraget.",
            "Det finns inte en marknad eller en konkurrenssituation att vårda.",
            "Bägge parterna är med och finansierar verksamheten (via pengar eller andra insatser).",
            "Verksamheten detaljregleras inte från kommunen.",
            "Verksamheten avses att drivas under längre tid, men det kan också vara tidsbegränsat.",
            "Verksamheten bidrar till lokal utveckling och delaktighet i samhället.",
        ],
        RequiredDocuments = [],
        LegalForms = IdeaBasedForms,
        VisionOrFocusAreas = ["Lärande", "Växtkraft", "Goda livsmiljöer"],
        AgreementSections = TwelveSections,
        Remit = "Tjänster som avser social välfärd, till exempel sociala aktiviteter för ökad delaktighet, förebyggande arbete mot psykisk ohälsa "
            + "och ensamhet bland äldre, språkförstärkning, integration, volontärer i äldreomsorgen och läxläsning.",
        RepaymentClause = "Om betydande avvikelse från plan och budget sker ska parterna föra en dialog och godkänna förändringarna. Om någon part inte uppfyller villkoren eller brister i sina åtaganden, "
            + "eller om omständigheterna väsentligt förändras, ska parterna föra en dialog om huruvida partnerskapet kan fortsätta. I sista hand har part rätt att lämna partnerskapet.\n\n"
            + "Part har rätt att kräva sitt bidrag åter helt eller delvis om det används felaktigt eller inte för avsett ändamål. Eventuellt överskott ska användas för samma eller liknande ändamål.",
        MaxTermYears = 4,
        ExtensionAllowed = true,
        RenewalDialogueMonthsBefore = null,
        RenewLatestMonthsBefore = null,
        PaymentInterval = Interval.Yearly,
        MinimumFollowUp = Interval.Yearly,
        FollowUpGatesPayment = false,
        DecidingBody = DecidingBodyRule.CommitteeByRemit,
        ConsultLegalAndFinance = true,
        DoubleFundingBanned = true,
        RequiresExistingSimilarActivity = false,
        InitiativeMayComeFromDialogue = true,
    };

    public static GuidelineRules Blank => new()
    {
        Criteria = [],
        LegalForms = IdeaBasedForms,
        AgreementSections = TwelveSections,
        MaxTermYears = 4,
        PaymentInterval = Interval.Yearly,
        MinimumFollowUp = Interval.Yearly,
    };

    public static GuidelineRules? ByKey(string? key) => key switch
    {
        StenungsundKey => Stenungsund,
        SoderhamnKey => Soderhamn,
        BlankKey => Blank,
        _ => null,
    };
}
