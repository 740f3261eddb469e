// The most common passwords, as lists of leaked passwords rank them year after year,
// plus the words people build longer passwords from. Most are shorter than the minimum
// length; they matter because CheckPasswordPolicy also compares the password with digits
// and symbols stripped from its ends and common letter substitutions undone, so that
// "Password2024!" and "Qwerty123456" are refused as well as "password".
#include <string>
#include <string_view>
#include <unordered_set>

#include "app/accounts/passwords.h"

namespace lookout::app {

namespace {

constexpr std::string_view kCommonPasswords[] = {
    // Digits, keyboard walks and their neighbours.
    "123456", "123456789", "12345678", "12345", "1234567", "1234567890", "123123", "000000",
    "111111", "121212", "123321", "654321", "666666", "696969", "112233", "123654",
    "159753", "147258369", "987654321", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e", "1qaz2wsx",
    "zaq12wsx", "qwerty", "qwertyuiop", "qwerty123", "qwe123", "asdfgh", "asdfghjkl",
    "asdf", "zxcvbnm", "zxcvbn", "qazwsx", "azerty", "qwertz", "abc123", "abcd1234",
    "a1b2c3", "aaaaaa", "abcdef", "abcdefg", "1a2b3c", "qweasd", "qweasdzxc", "asdasd",
    "zxczxc", "qwaszx", "1234qwer", "q1w2e3r4", "qwer1234", "asd123", "pass123",
    // Password itself, and what people write instead.
    "password", "passw0rd", "password1", "password12", "password123", "pass", "passwort",
    "motdepasse", "contrasena", "senha", "parola", "haslo", "wachtwoord", "losenord",
    "salasana", "secret", "letmein", "letmeinnow", "welcome", "welcome1", "changeme",
    "changeit", "default", "guest", "admin", "administrator", "admin123", "root", "toor",
    "user", "test", "test123", "testing", "temp", "temppass", "login", "access", "master",
    "trustno1", "whatever", "nothing", "qwerty1", "iloveyou", "iloveyou1", "ihateyou",
    "loveyou", "lovely", "love", "loveme", "lovers", "mypassword", "newpassword",
    "opensesame", "secretpassword", "supersecret", "topsecret", "privacy", "private",
    "security", "secure", "passport", "password!", "p@ssword", "unknown", "blank",
    "nopassword", "forgot", "remember", "rememberme", "letmein1", "welcomehome",
    "goodluck", "godbless", "jesus", "jesus1", "christ", "heaven", "angel", "angels",
    "blessed", "faith", "trinity", "freedom", "liberty", "justice", "peace", "hope",
    "destiny", "forever", "always", "together", "family", "friends", "friend", "happy",
    "smile", "sunshine", "rainbow", "princess", "prince", "queen", "king", "kingdom",
    "dragon", "monkey", "tiger", "lion", "eagle", "falcon", "shadow", "master1", "hunter",
    "hunter2", "killer", "ninja", "pirate", "wizard", "merlin", "magic", "genius",
    "superman", "batman", "spiderman", "ironman", "starwars", "startrek", "matrix",
    "pokemon", "naruto", "pikachu", "minecraft", "fortnite", "roblox", "zelda", "mario",
    "nintendo", "playstation", "xbox", "gamer", "computer", "internet", "google",
    "facebook", "twitter", "instagram", "youtube", "samsung", "iphone", "apple", "android",
    "microsoft", "windows", "linux", "ubuntu", "oracle", "cisco", "server", "database",
    "office", "work", "company", "business", "money", "dollar", "million", "rich",
    "winner", "victory", "success", "champion", "legend", "hero", "phoenix", "thunder",
    "lightning", "storm", "snow", "winter", "summer", "spring", "autumn", "january",
    "february", "march", "april", "august", "september", "october", "november",
    "december", "monday", "friday", "sunday", "morning", "midnight", "london", "england",
    "scotland", "wales", "ireland", "britain", "liverpool", "chelsea", "arsenal",
    "manchester", "manutd", "tottenham", "everton", "celtic", "rangers", "leeds",
    "football", "soccer", "baseball", "basketball", "hockey", "golf", "tennis", "cricket",
    "rugby", "boxing", "player", "jordan", "jordan23", "michael", "jennifer", "jessica",
    "ashley", "michelle", "daniel", "andrew", "joshua", "matthew", "anthony", "charlie",
    "thomas", "robert", "william", "richard", "george", "jack", "harry", "oliver", "james",
    "david", "john", "peter", "paul", "mark", "steven", "chris", "christopher", "nicole",
    "hannah", "sophie", "emily", "charlotte", "amanda", "samantha", "elizabeth", "sarah",
    "maria", "anna", "laura", "lauren", "melissa", "amber", "summer1", "taylor", "tigger",
    "buster", "bailey", "max", "charlie1", "molly", "lucky", "ginger", "pepper", "cookie",
    "biscuit", "muffin", "cupcake", "chocolate", "banana", "cheese", "orange", "lemon",
    "strawberry", "cherry", "peanut", "butter", "coffee", "pizza", "burger", "chicken",
    "flower", "flowers", "daisy", "rose", "lily", "garden", "butterfly", "puppy",
    "kitten", "doggy", "dog", "cat", "horse", "bear", "panda", "dolphin", "whale",
    "mustang", "ferrari", "porsche", "mercedes", "corvette", "harley", "yamaha", "honda",
    "toyota", "ford", "jaguar", "camaro", "music", "guitar", "piano", "rock", "metal",
    "rockstar", "slipknot", "metallica", "nirvana", "beatles", "elvis", "madonna",
    "blink182", "eminem", "hello", "hello123", "hellokitty", "hi", "hey", "yes", "no",
    "ok", "okay", "cool", "awesome", "amazing", "perfect", "beautiful", "pretty",
    "sweet", "sweetie", "honey", "baby", "babygirl", "babyboy", "darling", "sexy",
    "hottie", "lover", "kisses", "bubbles", "flower1", "silver", "golden", "diamond",
    "crystal", "pearl", "ruby", "sapphire", "emerald", "black", "white", "red", "blue",
    "green", "yellow", "purple", "pink", "orange1", "college", "school", "student",
    "teacher", "doctor", "nurse", "police", "officer", "manager", "analyst", "funder",
    "staff", "team", "prevention", "safeguarding", "charity", "children", "child",
    "freedom1", "qwertyqwerty", "asdfasdf", "zxcvzxcv", "passpass", "adminadmin",
    "letmeinplease", "iloveu", "iloveyoutoo", "trustme", "believe", "maverick", "tigers",
    "yankees", "cowboys", "steelers", "eagles", "lakers", "bulldog", "dakota", "austin",
    "dallas", "boston", "chicago", "paris", "berlin", "madrid", "tokyo", "hollywood",
    "america", "canada", "australia", "india", "china", "mexico", "brazil", "france",
    "germany", "italy", "spain", "russia",
};

}  // namespace

bool IsCommonPassword(std::string_view password) {
  static const std::unordered_set<std::string_view> kSet(std::begin(kCommonPasswords),
                                                          std::end(kCommonPasswords));
  std::string lower(password);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return kSet.count(lower) != 0;
}

}  // namespace lookout::app
