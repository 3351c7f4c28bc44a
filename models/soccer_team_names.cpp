// The explicit map from soccer/odds team names to soccer/results team names, per league. Every team of the
// odds files (seasons 2005-06 to 2015-16) is listed; tests/models/soccer_data_test.cpp checks that each
// maps to a team of the same season's results file with the same scores.
#include "models/soccer_data.hpp"

namespace simbook::models {
namespace {

constexpr TeamNamePair kPremierLeague[] = {
    {"AFC Bournemouth", "Bournemouth"},
    {"Arsenal FC", "Arsenal"},
    {"Aston Villa", "Aston Villa"},
    {"Birmingham City", "Birmingham"},
    {"Blackburn Rovers", "Blackburn"},
    {"Blackpool FC", "Blackpool"},
    {"Bolton Wanderers", "Bolton"},
    {"Burnley FC", "Burnley"},
    {"Cardiff City", "Cardiff"},
    {"Charlton Athletic", "Charlton"},
    {"Chelsea FC", "Chelsea"},
    {"Crystal Palace", "Crystal Palace"},
    {"Derby County", "Derby"},
    {"Everton FC", "Everton"},
    {"Fulham FC", "Fulham"},
    {"Hull City", "Hull"},
    {"Leicester City", "Leicester"},
    {"Liverpool FC", "Liverpool"},
    {"Manchester City", "Man City"},
    {"Manchester United", "Man United"},
    {"Middlesbrough FC", "Middlesbrough"},
    {"Newcastle", "Newcastle"},
    {"Norwich City", "Norwich"},
    {"Portsmouth FC", "Portsmouth"},
    {"Queens Park Rangers", "QPR"},
    {"Reading FC", "Reading"},
    {"Sheffield United", "Sheffield United"},
    {"Southampton FC", "Southampton"},
    {"Stoke City", "Stoke"},
    {"Sunderland AFC", "Sunderland"},
    {"Swansea City", "Swansea"},
    {"Tottenham Hotspur", "Tottenham"},
    {"Watford FC", "Watford"},
    {"West Bromwich Albion", "West Brom"},
    {"West Ham United", "West Ham"},
    {"Wigan Athletic", "Wigan"},
    {"Wolverhampton Wanderers", "Wolves"},
};

constexpr TeamNamePair kBundesliga[] = {
    {"1. FC Kaiserslautern", "Kaiserslautern"},
    {"1. FC Köln", "FC Koln"},
    {"1. FC Nürnberg", "Nurnberg"},
    {"1. FSV Mainz 05", "Mainz"},
    {"1899 Hoffenheim", "Hoffenheim"},
    {"TSG Hoffenheim", "Hoffenheim"},
    {"Alemannia Aachen", "Aachen"},
    {"Arminia Bielefeld", "Bielefeld"},
    {"Bayer Leverkusen", "Leverkusen"},
    {"Bayern München", "Bayern Munich"},
    {"Bor. Mönchengladbach", "M'gladbach"},
    {"Borussia Dortmund", "Dortmund"},
    {"Eintracht Braunschweig", "Braunschweig"},
    {"Eintracht Frankfurt", "Ein Frankfurt"},
    {"Energie Cottbus", "Cottbus"},
    {"FC Augsburg", "Augsburg"},
    {"FC Ingolstadt 04", "Ingolstadt"},
    {"FC Schalke 04", "Schalke 04"},
    {"FC St. Pauli", "St Pauli"},
    {"Fortuna Düsseldorf", "Fortuna Dusseldorf"},
    {"Greuther Furth", "Greuther Furth"},
    {"Hamburger SV", "Hamburg"},
    {"Hannover 96", "Hannover"},
    {"Hansa Rostock", "Hansa Rostock"},
    {"Hertha BSC", "Hertha"},
    {"Karlsruher SC", "Karlsruhe"},
    {"MSV Duisburg", "Duisburg"},
    {"SC Freiburg", "Freiburg"},
    {"SC Paderborn 07", "Paderborn"},
    {"SV Darmstadt 98", "Darmstadt"},
    {"VfB Stuttgart", "Stuttgart"},
    {"VfL Bochum", "Bochum"},
    {"VfL Wolfsburg", "Wolfsburg"},
    {"Werder Bremen", "Werder Bremen"},
};

constexpr TeamNamePair kLaLiga[] = {
    {"Athletic Bilbao", "Ath Bilbao"},
    {"Atlético Madrid", "Ath Madrid"},
    {"CA Osasuna", "Osasuna"},
    {"CD Alavés", "Alaves"},
    {"CD Numancia", "Numancia"},
    {"CD Tenerife", "Tenerife"},
    {"Celta Vigo", "Celta"},
    {"Cádiz CF", "Cadiz"},
    {"Córdoba CF", "Cordoba"},
    {"Deportivo La Coruña", "La Coruna"},
    {"Elche CF", "Elche"},
    {"Espanyol Barcelona", "Espanol"},
    {"FC Barcelona", "Barcelona"},
    {"Getafe CF", "Getafe"},
    {"Gimnàstic", "Gimnastic"},
    {"Granada CF", "Granada"},
    {"Hércules CF", "Hercules"},
    {"Levante UD", "Levante"},
    {"Málaga CF", "Malaga"},
    {"RCD Mallorca", "Mallorca"},
    {"Racing Santander", "Santander"},
    {"Rayo Vallecano", "Vallecano"},
    {"Real Betis", "Betis"},
    {"Real Madrid", "Real Madrid"},
    {"Real Murcia", "Murcia"},
    {"Real Sociedad", "Sociedad"},
    {"Real Valladolid", "Valladolid"},
    {"Real Zaragoza", "Zaragoza"},
    {"Recreativo Huelva", "Recreativo"},
    {"SD Eibar", "Eibar"},
    {"Sevilla FC", "Sevilla"},
    {"Sporting Gijón", "Sp Gijon"},
    {"UD Almería", "Almeria"},
    {"UD Las Palmas", "Las Palmas"},
    {"Valencia CF", "Valencia"},
    {"Villarreal CF", "Villarreal"},
    {"Xerez CD", "Xerez"},
};

constexpr TeamNamePair kSerieA[] = {
    {"AC Cesena", "Cesena"},
    {"AC Milan", "Milan"},
    {"ACF Fiorentina", "Fiorentina"},
    {"AS Bari", "Bari"},
    {"AS Livorno", "Livorno"},
    {"AS Roma", "Roma"},
    {"Ascoli Picchio FC", "Ascoli"},
    {"Atalanta Bergamo", "Atalanta"},
    {"Bologna FC", "Bologna"},
    {"Brescia Calcio", "Brescia"},
    {"Cagliari Calcio", "Cagliari"},
    {"Calcio Catania", "Catania"},
    {"Carpi FC 1909", "Carpi"},
    {"Chievo Verona", "Chievo"},
    {"Empoli FC", "Empoli"},
    {"FC Messina", "Messina"},
    {"FC Treviso", "Treviso"},
    {"Frosinone Calcio", "Frosinone"},
    {"Genoa CFC", "Genoa"},
    {"Hellas Verona", "Verona"},
    {"Internazionale", "Inter"},
    {"Juventus", "Juventus"},
    {"Lazio Roma", "Lazio"},
    {"Novara Calcio", "Novara"},
    {"Parma FC", "Parma"},
    {"Pescara Calcio", "Pescara"},
    {"Reggina Calcio", "Reggina"},
    {"Robur Siena", "Siena"},
    {"SSC Napoli", "Napoli"},
    {"Sampdoria", "Sampdoria"},
    {"Sassuolo Calcio", "Sassuolo"},
    {"Torino FC", "Torino"},
    {"US Lecce", "Lecce"},
    {"US Palermo", "Palermo"},
    {"Udinese Calcio", "Udinese"},
};

constexpr TeamNamePair kLigue1[] = {
    {"AC Ajaccio", "Ajaccio"},
    {"AC Arles-Avignon", "Arles"},
    {"AJ Auxerre", "Auxerre"},
    {"AS Monaco", "Monaco"},
    {"AS Nancy", "Nancy"},
    {"AS St. Etienne", "St Etienne"},
    {"Angers SCO", "Angers"},
    {"CS Sedan", "Sedan"},
    {"Dijon FCO", "Dijon"},
    {"EA Guingamp", "Guingamp"},
    {"ESTAC Troyes", "Troyes"},
    {"FC Lorient", "Lorient"},
    {"FC Metz", "Metz"},
    {"FC Nantes", "Nantes"},
    {"FC Sochaux", "Sochaux"},
    {"GFC Ajaccio", "Ajaccio GFCO"},
    {"Girondins Bordeaux", "Bordeaux"},
    {"Grenoble Foot 38", "Grenoble"},
    {"Le Havre AC", "Le Havre"},
    {"Le Mans FC", "Le Mans"},
    {"Lille OSC", "Lille"},
    {"Montpellier HSC", "Montpellier"},
    {"OGC Nice", "Nice"},
    {"Olympique Lyon", "Lyon"},
    {"Olympique Marseille", "Marseille"},
    {"Paris St. Germain", "Paris SG"},
    {"RC Lens", "Lens"},
    {"RC Strasbourg", "Strasbourg"},
    {"SC Bastia", "Bastia"},
    {"SM Caen", "Caen"},
    {"Stade Brest", "Brest"},
    {"Stade Reims", "Reims"},
    {"Stade Rennes", "Rennes"},
    {"Toulouse FC", "Toulouse"},
    {"US Boulogne", "Boulogne"},
    {"Valenciennes FC", "Valenciennes"},
    {"Évian Thonon Gaillard", "Evian Thonon Gaillard"},
};

} // namespace

std::span<const TeamNamePair> SoccerTeamNameMap(std::string_view league) {
    if (league == "premier-league") {
        return kPremierLeague;
    }
    if (league == "bundesliga") {
        return kBundesliga;
    }
    if (league == "la-liga") {
        return kLaLiga;
    }
    if (league == "serie-a") {
        return kSerieA;
    }
    if (league == "ligue-1") {
        return kLigue1;
    }
    return {};
}

} // namespace simbook::models
