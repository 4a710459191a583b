"""The remedy forms on the rep's page carry their CSRF token, and it is accepted."""

import re

from tests.helpers.world import MANAGER, build_world, client_for, drop_world


def test_the_pages_own_token_is_accepted(tmp_path):
    world = build_world(tmp_path, WTF_CSRF_ENABLED=True)
    try:
        manager = client_for(world, MANAGER)
        base = f"/teams/{world.ids['team_id']}/reps/{world.ids['rep_id']}"
        page = manager.get(f"/reports{base}").get_data(as_text=True)
        token = re.search(r'name="module-csrf_token"[^>]*value="([^"]+)"', page).group(1)
        module = re.search(r'name="module-module"[^>]*>\s*<option[^>]*value="(\d+)"', page)
        data = {
            "module-module": module.group(1),
            "module-action": "extra",
            "module-count": "1",
            "module-reason": "Missed the call",
        }
        assert manager.post(f"{base}/remedies/module", data=data).status_code == 400
        data["module-csrf_token"] = token
        assert manager.post(f"{base}/remedies/module", data=data).status_code == 302
    finally:
        drop_world(world)
