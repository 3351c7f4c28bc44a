"""A published client of the public odds API (PyPI's the-odds-api-sdk) reads `simbook serve` unchanged.

The client is pointed at the server through its own base_url option; nothing else about it is changed. It
reads the sports, a sport's odds (decimal and American, ISO and Unix dates, filtered by event ids and commence
times), its events, one event's player props and the scores before and after a live state, and it raises its
own exceptions for simbook's v4 errors. The quota headers are read from the responses the client received.

usage: v4_client_test.py SIMBOOK_BINARY PARAMS_DIR
"""

import datetime
import re
import subprocess
import sys
import threading
import unittest

import requests
from the_odds_api_sdk import OddsAPIClient
from the_odds_api_sdk.exceptions import (
    OddsAPIAuthError,
    OddsAPINotFoundError,
    OddsAPIValidationError,
)

SIMBOOK, PARAMS = sys.argv[1], sys.argv[2]
EPL_KICK_OFF = datetime.datetime(2026, 12, 26, 15, 0, tzinfo=datetime.timezone.utc)
BURST = 1000  # the keys' bucket: 1000 requests, refilled at one per 100 s, so nothing refills during the test


class Server:
    """`simbook serve` on a free loopback port with its demo keys and events."""

    def __init__(self):
        self.process = subprocess.Popen(
            [SIMBOOK, "serve", "--port", "0", "--store", ":memory:", "--sims", "2000", "--params-dir", PARAMS,
             "--rate-limit", "0.01", "--rate-burst", str(BURST)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.keys, self.events, self.port = {}, [], None
        for line in self.process.stdout:
            if m := re.search(r"listening on http://127\.0\.0\.1:(\d+)", line):
                self.port = int(m.group(1))
            elif m := re.match(r"demo key \((\w+)\): (\S+)", line):
                self.keys[m.group(1)] = m.group(2)
            elif m := re.match(r"demo event: (\S+)", line):
                self.events.append(m.group(1))
                if len(self.events) == 2:
                    break
        if self.port is None or len(self.events) != 2:
            self.stop()
            raise RuntimeError("simbook serve did not start")
        # Keep reading its output, so that the server never blocks on a full pipe.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


class V4ClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.soccer, cls.nba = cls.server.events
        cls.replies = []
        cls.client = cls.client_for(cls.server.keys["fantasy"])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    @classmethod
    def client_for(cls, key):
        client = OddsAPIClient(api_key=key, base_url=cls.server.url("/v4/"))
        # The client does not expose headers: record the responses it receives.
        client.session.hooks["response"].append(lambda reply, *args, **kwargs: cls.replies.append(reply))
        return client

    def test_sports(self):
        sports = {s.key: s for s in self.client.get_sports()}
        self.assertIn("soccer_epl", sports)
        self.assertIn("basketball_nba", sports)
        epl = sports["soccer_epl"]
        self.assertEqual((epl.group, epl.title, epl.description), ("Soccer", "EPL", "English Premier League"))
        self.assertTrue(epl.active)
        self.assertFalse(epl.has_outrights)
        self.assertEqual(self.replies[-1].url.split("?")[0], self.server.url("/v4/sports"))

    def test_odds_decimal(self):
        events = self.client.get_odds("soccer_epl", regions=["eu"], markets=["h2h", "spreads", "totals"])
        event = {e.id: e for e in events}[self.soccer]
        self.assertEqual((event.home_team, event.away_team, event.sport_title), ("Arsenal", "Chelsea", "EPL"))
        self.assertEqual(event.commence_time, EPL_KICK_OFF)
        self.assertEqual([b.key for b in event.bookmakers], ["simbook"])
        markets = {m.key: m for m in event.bookmakers[0].markets}
        self.assertEqual(set(markets), {"h2h", "spreads", "totals"})
        self.assertEqual({o.name for o in markets["h2h"].outcomes}, {"Arsenal", "Draw", "Chelsea"})
        for market in markets.values():
            for outcome in market.outcomes:
                self.assertIsInstance(outcome.price, float)
                self.assertGreater(outcome.price, 1.0)
                self.assertEqual(outcome.point is None, market.key == "h2h")
        # The margin: the implied probabilities of a market add up to more than 1.
        self.assertGreater(sum(1 / o.price for o in markets["h2h"].outcomes), 1.0)

    def test_odds_american_are_the_decimal_converted(self):
        decimal = self.client.get_odds("basketball_nba", regions=["us"], markets=["h2h", "totals"])[0]
        american = self.client.get_odds("basketball_nba", regions=["us"], markets=["h2h", "totals"],
                                        odds_format="american")[0]
        for dm, am in zip(decimal.bookmakers[0].markets, american.bookmakers[0].markets):
            for d, a in zip(dm.outcomes, am.outcomes):
                self.assertIsInstance(a.price, int)
                self.assertTrue(a.price >= 100 or a.price <= -100, a.price)
                expected = 100 * (d.price - 1) if d.price >= 2 else -100 / (d.price - 1)
                self.assertEqual(a.price, round(expected))

    def test_unix_dates_and_filters(self):
        unix = self.client.get_odds("soccer_epl", regions=["uk"], event_ids=[self.soccer], date_format="unix")[0]
        self.assertEqual(unix.commence_time.timestamp(), EPL_KICK_OFF.timestamp())
        upcoming = self.client.get_odds("upcoming", regions=["eu"])
        self.assertLessEqual({self.soccer, self.nba}, {e.id for e in upcoming})
        self.assertEqual(self.client.get_odds("upcoming", regions=["eu"], event_ids=[self.nba])[0].id, self.nba)
        after = datetime.datetime(2026, 12, 26, 16, 0)
        self.assertEqual(self.client.get_odds("soccer_epl", regions=["eu"], event_ids=[self.soccer],
                                              commence_time_from=after), [])
        window = self.client.get_events("soccer_epl", commence_time_from=datetime.datetime(2026, 12, 26, 0, 0),
                                        commence_time_to=datetime.datetime(2026, 12, 27, 0, 0))
        self.assertEqual([e.id for e in window], [self.soccer])
        by_bookmaker = self.client.get_odds("soccer_epl", bookmakers=["simbook"], event_ids=[self.soccer])
        self.assertEqual(by_bookmaker[0].bookmakers[0].key, "simbook")

    def test_events(self):
        events = self.client.get_events("basketball_nba")
        self.assertEqual([e.id for e in events], [self.nba])
        self.assertEqual((events[0].home_team, events[0].away_team), ("Boston Celtics", "Dallas Mavericks"))

    def test_event_odds_player_props(self):
        event = self.client.get_event_odds("basketball_nba", self.nba, regions=["us"],
                                           markets=["h2h", "player_points"])
        self.assertEqual(event.id, self.nba)
        markets = {m.key: m for m in event.bookmakers[0].markets}
        self.assertEqual(set(markets), {"h2h", "player_points"})
        props = markets["player_points"].outcomes
        self.assertTrue(all(o.name in ("Over", "Under") and o.point is not None for o in props))
        self.assertGreaterEqual(len({o.description for o in props}), 4)

    def test_scores_before_and_during_the_game(self):
        trader = self.server.keys["trader"]
        created = requests.post(self.server.url("/v1/events"), headers={"X-API-Key": trader}, timeout=60, json={
            "sport": "soccer", "league": "premier-league", "home_team": "Liverpool", "away_team": "Everton",
            "commence_time": "2026-12-27T12:30:00Z"})
        self.assertEqual(created.status_code, 201, created.text)
        event_id = created.json()["id"]
        before = {s.id: s for s in self.client.get_scores("soccer_epl")}[event_id]
        self.assertFalse(before.completed)
        self.assertIsNone(before.scores)
        self.assertIsNone(before.last_update)
        state = requests.post(self.server.url(f"/v1/events/{event_id}/state"), headers={"X-API-Key": trader},
                              json={"minute": 30, "home": 1, "away": 0}, timeout=60)
        self.assertEqual(state.status_code, 200, state.text)
        live = {s.id: s for s in self.client.get_scores("soccer_epl")}[event_id]
        self.assertEqual([(s.name, s.score) for s in live.scores], [("Liverpool", "1"), ("Everton", "0")])
        self.assertIsNotNone(live.last_update)
        recent = {s.id for s in self.client.get_scores("soccer_epl", days_from=3, date_format="unix")}
        self.assertIn(event_id, recent)

    def test_errors_are_the_clients_own_exceptions(self):
        with self.assertRaises(OddsAPIAuthError):
            OddsAPIClient(api_key="YOUR_API_KEY", base_url=self.server.url("/v4/")).get_sports()
        with self.assertRaises(OddsAPINotFoundError):
            self.client.get_odds("cricket_ipl", regions=["eu"])
        with self.assertRaises(OddsAPINotFoundError):
            self.client.get_event_odds("basketball_nba", "no-such-event", regions=["us"])
        with self.assertRaises(OddsAPIValidationError):
            self.client.get_odds("soccer_epl", regions=["mars"])
        with self.assertRaises(OddsAPIValidationError):
            self.client.get_odds("soccer_epl", regions=["eu"], odds_format="fractional")
        with self.assertRaises(OddsAPIValidationError):
            self.client.get_scores("soccer_epl", days_from=7)

    def test_quota_headers_count_the_keys_requests(self):
        client = self.client_for(self.server.keys["sportsbook"])
        client.get_sports()
        first = self.replies[-1].headers
        client.get_odds("soccer_epl", regions=["eu"])
        second = self.replies[-1].headers
        used = [int(h["x-requests-used"]) for h in (first, second)]
        remaining = [int(h["x-requests-remaining"]) for h in (first, second)]
        self.assertEqual(used[1], used[0] + 1)
        self.assertEqual(remaining[1], remaining[0] - 1)
        self.assertEqual(used[1] + remaining[1], BURST)
        self.assertEqual(second["x-requests-last"], "1")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
