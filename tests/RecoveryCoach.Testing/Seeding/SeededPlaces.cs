namespace RecoveryCoach.Testing.Seeding;

/// <summary>
/// Where seeded people live and who looks after them: postcode districts that the shipped
/// <c>rules/allocation.json</c> gives to each team, districts it sends to a team lead, and the
/// towns, GP practices and community teams of each area, so that a seeded referral reads like
/// one from Cambridgeshire and Peterborough and is allocated by the real rules.
/// </summary>
internal static class SeededPlaces
{
    /// <summary>One area people are referred from: its districts and the team that covers them.</summary>
    /// <param name="Team">The team a team lead picks at triage; for rule-allocated districts, the team the rules choose.</param>
    /// <param name="Weight">How many of every 100 referrals come from here.</param>
    /// <param name="Triaged">No rule gives these districts a team, so a team lead chooses one.</param>
    public sealed record Area(string Team, string[] Districts, string[] Towns, string[] CommunityTeams, int Weight, bool Triaged = false);

    /// <summary>
    /// The areas in proportion: most referrals are from districts a rule places; about one in
    /// twenty is from a border district (CB8 to CB11) or from just outside the trust's districts
    /// (Stamford, Spalding, Royston, Sandy), which no rule places, so a team lead triages it.
    /// </summary>
    public static IReadOnlyList<Area> Areas { get; } =
    [
        new("cambridge", ["CB1", "CB2", "CB3", "CB4", "CB5", "CB6", "CB7", "CB21", "CB22", "CB23", "CB24", "CB25"],
            ["Cambridge", "Cherry Hinton", "Histon", "Trumpington", "Ely", "Cottenham", "Sawston", "Linton", "Soham"],
            ["Cambridge North CMHT", "Cambridge South CMHT", "East Cambridgeshire CMHT", "CAMEO North", "Cambridge Adult Locality Team"], 38),
        new("huntingdon", ["PE19", "PE26", "PE27", "PE28", "PE29"],
            ["Huntingdon", "St Ives", "St Neots", "Ramsey", "Godmanchester", "Somersham"],
            ["Huntingdon CMHT", "St Neots Adult Locality Team", "CAMEO South"], 24),
        new("peterborough-fenland", ["PE1", "PE2", "PE3", "PE4", "PE5", "PE6", "PE7", "PE8", "PE13", "PE14", "PE15", "PE16"],
            ["Peterborough", "Wisbech", "March", "Whittlesey", "Chatteris", "Yaxley", "Orton"],
            ["Peterborough CMHT", "Fenland CMHT", "Peterborough Early Intervention", "Wisbech Adult Locality Team"], 33),
        new("cambridge", ["CB8", "CB9", "CB10", "CB11"],
            ["Newmarket", "Haverhill", "Saffron Walden"],
            ["Cambridge South CMHT", "East Cambridgeshire CMHT"], 3, Triaged: true),
        new("peterborough-fenland", ["PE9", "PE10", "PE11", "PE12"],
            ["Stamford", "Bourne", "Spalding", "Holbeach"],
            ["Peterborough CMHT", "Fenland CMHT"], 1, Triaged: true),
        new("huntingdon", ["SG8", "SG19"],
            ["Royston", "Sandy", "Potton"],
            ["Huntingdon CMHT", "St Neots Adult Locality Team"], 1, Triaged: true),
    ];

    /// <summary>The letters Royal Mail uses in the last two places of a postcode (never C, I, K, M, O or V).</summary>
    public const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    public static IReadOnlyList<string> PracticeKinds { get; } = ["Surgery", "Medical Centre", "Health Centre", "Medical Practice", "Group Practice"];

    /// <summary>Where someone who knows the person may be writing from, when they give an organisation.</summary>
    public static IReadOnlyList<string> Supporters { get; } =
    [
        "Cambridgeshire Mind", "Lifecraft", "Richmond Fellowship", "Making Space", "Peterborough Citizens Advice", "Wintercomfort",
        "Jimmy's Cambridge", "Centre 33", "Hunts Forum", "The Salvation Army",
    ];

    /// <summary>What coaching connected people with, as closures record it.</summary>
    public static IReadOnlyList<string> Connections { get; } =
    [
        "Recovery College East", "Cambridgeshire Mind", "Lifecraft", "Peterborough Volunteer Centre", "a local walking group", "Citizens Advice",
        "an adult education course", "a food bank, volunteering", "a community garden", "a parkrun", "a men's shed", "a library reading group",
        "Cambridge Online", "a choir", "Job Centre Plus", "a peer support group",
    ];

    /// <summary>What a person may ask for, by goal category, in their own words.</summary>
    public static IReadOnlyDictionary<string, string[]> Goals { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["volunteering"] = ["Volunteer one morning a week", "Find volunteering with animals", "Help out at the community café"],
        ["paid-work"] = ["Apply for part-time jobs", "Update my CV and go to an interview", "Talk to my employer about returning"],
        ["education"] = ["Start an evening course", "Go back to college in September", "Finish my English qualification"],
        ["creative-activity"] = ["Join an art group", "Play music with other people again", "Take photographs on walks"],
        ["community-group"] = ["Go to a peer support group", "Join the walking group", "Try the men's shed"],
        ["health-and-wellbeing"] = ["Get out of the house every day", "Sleep better", "Cook proper meals", "Go swimming weekly", "Manage my money"],
        ["other"] = ["Sort out my housing", "See my family more often", "Get my benefits reviewed"],
    };

    /// <summary>Why a referrer thinks the person is struggling with discharge, as reasons are written.</summary>
    public static IReadOnlyList<string> Reasons { get; } =
    [
        "Worried about losing the weekly support from the community team.",
        "Has been with the team for several years and is anxious about managing alone.",
        "Lives alone and has few people to call on once appointments stop.",
        "Would like help to find things to do in the week before discharge.",
        "Finds it hard to leave the house and fears becoming isolated again.",
        "Past discharges have been followed by readmission; wants a gentler ending this time.",
        "Keen to get back to work or study but unsure where to start.",
        "Recently moved to the area and does not know what is available locally.",
        "Says the structure of appointments has kept them well and is worried about the gap.",
        "Carer is concerned about how they will cope when the care coordinator steps back.",
    ];
}
