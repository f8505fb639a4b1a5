#!/usr/bin/env python3
"""Drives headless Chromium through the liancha web application (scripts/browser-check.sh starts
the server and calls this): login -> plan -> item submission by the clerks -> draw, dispatch,
confirmation, teams -> 扫码入企: the visit filed and approved by the lead department's 负责人, the
inspector's 入企 on a phone-sized screen, results by the inspector and by the clerks, 离企 -> the
notice's QR read by zbarimg from the DOCX rendered by LibreOffice -> the enterprise's code page and
its evaluation on a phone, the evaluations as the coordinator and the inspected department see them
-> publication -> the public pages. Saves a screenshot of each step into OUT.

usage: browser_check.py BASE_URL OUT_DIR PLAN_NUMBER LIANCHA_BINARY DATABASE
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, OUT, PLAN, LIANCHA, DATABASE = sys.argv[1:6]
PLAN_PATH = "/plans/" + urllib.parse.quote(PLAN, safe="")
ACCOUNTS = {
    "coordinator": ("liming", "yj-pass-123"),
    "water": ("zhaoqiang", "sl-pass-123"),
    "ecology": ("sunli", "hb-pass-123"),
    "auditor": ("wangshen", "audit-pass-123"),
}
DESKTOP = (1280, 900)
PHONE = (390, 844)
shots = []


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN",
                "--force-device-scale-factor=1", "--hide-scrollbars"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.set_window_size(*DESKTOP)
    return driver


def step(message):
    print(f"  · {message}", flush=True)


def shot(driver, name, size=DESKTOP):
    """A full-page screenshot: the window is stretched to the page's height first."""
    driver.set_window_size(size[0], size[1])
    height = driver.execute_script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
    driver.set_window_size(size[0], min(max(size[1], height + 20), 6000))
    driver.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.2)
    path = os.path.join(OUT, f"{len(shots) + 1:02d}-{name}.png")
    driver.save_screenshot(path)
    shots.append(path)
    driver.set_window_size(*size)
    step(f"screenshot {path}")


def go(driver, path):
    driver.get(BASE + path)


def text(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def expect(driver, fragment, where=""):
    body = text(driver)
    if fragment not in body:
        shot(driver, "FAILED")
        raise SystemExit(f"browser-check: expected「{fragment}」on {driver.current_url} {where}\n--- page ---\n{body[:2000]}")


def flash(driver):
    found = driver.find_elements(By.CSS_SELECTOR, ".flash")
    return found[0].text if found else ""


def gone(element):
    """Whether the page holding `element` has been replaced. Chromium 156 answers for a node of a
    replaced document with "does not belong to the document" rather than a stale reference."""
    try:
        element.is_enabled()
        return False
    except WebDriverException:
        return True


def click_and_wait(driver, element):
    """Clicks a submit button and waits until the next page has replaced this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 20).until(lambda d: gone(page))
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def submit(driver, form_selector):
    form = driver.find_element(By.CSS_SELECTOR, form_selector)
    click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button"))
    if "出错了" in driver.title:
        shot(driver, "FAILED")
        raise SystemExit(f"browser-check: {form_selector} on {driver.current_url}: {text(driver)[:1500]}")


def login(driver, who):
    name, password = ACCOUNTS[who] if who in ACCOUNTS else who
    driver.delete_all_cookies()
    go(driver, "/login")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form button"))
    if "/login" in driver.current_url:
        raise SystemExit(f"browser-check: login of {name} failed: {text(driver)[:500]}")
    step(f"signed in as {name}")


def plan_action(driver, action):
    go(driver, PLAN_PATH)
    submit(driver, f'form[action$="/{action}"]')
    step(f"{action}: {flash(driver)}")


def add_items(driver, codes, labels=""):
    go(driver, PLAN_PATH)
    for code in codes:
        driver.find_element(By.CSS_SELECTOR, f'form.add-items input[value="{code}"]').click()
    if labels:
        driver.find_element(By.CSS_SELECTOR, 'form.add-items input[name="labels"]').send_keys(labels)
    submit(driver, "form.add-items")
    step(f"items {', '.join(codes)}: {flash(driver)}")


def confirm(driver):
    go(driver, PLAN_PATH)
    if driver.find_elements(By.CSS_SELECTOR, 'form[action$="/confirm"]'):
        submit(driver, 'form[action$="/confirm"]')
        step(f"confirm: {flash(driver)}")


def enter_results(driver, enterprise_path, problem_item=None):
    """Fills the editable results form: 未发现问题 for every item not yet recorded (发现问题 with a
    description for `problem_item`). False when there is nothing left to enter."""
    go(driver, enterprise_path)
    forms = driver.find_elements(By.CSS_SELECTOR, "form.results")
    if not forms:
        return False
    form = forms[0]
    filled = 0
    for fieldset in form.find_elements(By.CSS_SELECTOR, "fieldset.item"):
        if any(r.is_selected() for r in fieldset.find_elements(By.CSS_SELECTOR, 'input[type="radio"]')):
            continue  # recorded already (by the inspector): leave it
        code = fieldset.find_element(By.TAG_NAME, "strong").text
        if code == problem_item:
            fieldset.find_element(By.CSS_SELECTOR, "label.choice.bad").click()
            fieldset.find_element(By.TAG_NAME, "textarea").send_keys("现场检查发现：危险废物贮存场所标识不全")
        else:
            fieldset.find_element(By.CSS_SELECTOR, "label.choice.ok").click()
        filled += 1
    if filled == 0:
        return False
    form.find_element(By.CSS_SELECTOR, 'input[name="questions"]').clear()
    form.find_element(By.CSS_SELECTOR, 'input[name="questions"]').send_keys("1")
    return True


def api(driver, path):
    """The JSON twin of a page, with the browser's session cookie."""
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(BASE + "/api" + path, headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def my_enterprises(driver):
    """The enterprise pages listed on the plan page for the signed-in department."""
    go(driver, PLAN_PATH)
    return [a.get_attribute("href").replace(BASE, "") for a in driver.find_elements(By.CSS_SELECTOR, "#enterprises td a")]


def liancha(*args):
    """Runs the liancha binary on the check's database; its standard output."""
    done = subprocess.run([LIANCHA, *args, "--database", DATABASE, "--operator", "browser-check"], check=True, capture_output=True, text=True)
    return done.stdout


def visit_facts(visit_id):
    """The visit's departments (lead first) and its code page address, from `liancha visit show`."""
    shown = liancha("visit", "show", visit_id, "--public-url", BASE)
    departments = next(l for l in shown.splitlines() if l.strip().startswith("departments:")).split(":", 1)[1].split("inspectors")[0]
    code = next((l.split()[2] for l in shown.splitlines() if l.strip().startswith("code:")), None)
    return [d.strip() for d in departments.split(",") if d.strip()], code


def download(driver, path, target):
    """A file behind the session (the browser's cookie), saved to `target`."""
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(BASE + path, headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response, open(target, "wb") as out:
        shutil.copyfileobj(response, out)


def decode_notice_qr(docx):
    """Renders the notice as LibreOffice prints it (PDF, then 200 dpi PNG) and reads its QR with
    zbarimg, an independent decoder: the address it encodes."""
    folder = os.path.dirname(docx)
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", folder, docx],
                   check=True, capture_output=True, timeout=180)
    pdf = os.path.splitext(docx)[0] + ".pdf"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", pdf, os.path.join(folder, "notice")], check=True, timeout=120)
    page = next(os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.startswith("notice") and f.endswith(".png"))
    shutil.copy(page, os.path.join(OUT, f"{len(shots) + 1:02d}-notice-page-1.png"))
    shots.append(page)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", page], capture_output=True, text=True)
    if decoded.returncode != 0 or not decoded.stdout.strip():
        raise SystemExit(f"browser-check: zbarimg found no QR code on the rendered notice {page}")
    return decoded.stdout.strip().splitlines()[0]


def allow_location(driver):
    """The inspector allows the page to read the location (a point in Luancheng district)."""
    driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": BASE, "permissions": ["geolocation"]})
    driver.execute_cdp_cmd("Emulation.setGeolocationOverride", {"latitude": 37.88312, "longitude": 114.65274, "accuracy": 30})


def main():
    os.makedirs(OUT, exist_ok=True)
    driver = browser()
    try:
        print("browser-check: coordinator opens the plan", flush=True)
        login(driver, "coordinator")
        go(driver, "/plans")
        expect(driver, PLAN)
        shot(driver, "plans")
        plan_action(driver, "collect")
        add_items(driver, ["YJ-001"])

        print("browser-check: partner clerks submit their items", flush=True)
        login(driver, "water")
        add_items(driver, ["SL-012", "SL-014"])
        expect(driver, "SL-014")
        shot(driver, "items-by-water-bureau")
        login(driver, "ecology")
        add_items(driver, ["HB-004", "HB-005"], labels="行业=危化；行业=危废")
        shot(driver, "items-by-ecology-branch")

        print("browser-check: coordinator freezes, draws, dispatches", flush=True)
        login(driver, "coordinator")
        plan_action(driver, "freeze")
        go(driver, PLAN_PATH)
        driver.find_element(By.CSS_SELECTOR, 'input[name="publicEntropy"]').send_keys(f"{PLAN} 浏览器检查 福彩3D 3 1 4")
        submit(driver, 'form[action$="/draw"]')
        step(f"draw: {flash(driver)}")
        plan_action(driver, "dispatch")
        confirm(driver)
        shot(driver, "plan-dispatched")

        print("browser-check: departments confirm, coordinator matches teams", flush=True)
        for who in ["water", "ecology"]:
            login(driver, who)
            confirm(driver)
        login(driver, "coordinator")
        plan_action(driver, "match")
        go(driver, PLAN_PATH + "/teams")
        shot(driver, "teams")
        teams = api(driver, PLAN_PATH + "/teams")["teams"]
        team = next((t for t in teams if t["department"] == "HB"), teams[0])
        certificate = team["members"][0]["certificate"]
        subprocess.run([LIANCHA, "user", "add", "--database", DATABASE, "--operator", "browser-check", "--department", team["department"],
                        "--role", "inspector", "--certificate", certificate, "--password", "insp-pass-123", "inspector1"], check=True)
        ACCOUNTS["inspector"] = ("inspector1", "insp-pass-123")

        print("browser-check: 扫码入企 — the team's department files the visit (任务报备), its 负责人 approves it", flush=True)
        login(driver, {"HB": "ecology", "SL": "water"}.get(team["department"], "coordinator"))
        go(driver, f"/visits/new?plan={urllib.parse.quote(PLAN)}&uscc={team['uscc']}")
        expect(driver, "任务报备")
        shot(driver, "visit-filing-form")
        submit(driver, 'form[action="/visits"]')
        expect(driver, "已报备")
        visit_id = driver.current_url.rstrip("/").split("/")[-1]
        step(f"filed: {flash(driver)}")
        departments, _ = visit_facts(visit_id)
        # The demo's leader account of the lead department, with the password the demo printed.
        login(driver, (f"{departments[0]}-负责人", f"Leader-{departments[0].lower()}-2026"))
        go(driver, "/visits/" + visit_id)
        expect(driver, "负责人审批")
        shot(driver, "visit-filed-leader")
        submit(driver, 'form[action$="/approve"]')
        expect(driver, "检查码")
        step(f"approve: {flash(driver)}")
        shot(driver, "visit-approved")

        print("browser-check: the inspector taps 入企 on a phone (location allowed)", flush=True)
        problem = "HB-005" if team["department"] == "HB" else None
        login(driver, "inspector")
        driver.set_window_size(*PHONE)
        allow_location(driver)
        go(driver, "/visits")
        expect(driver, visit_id)
        shot(driver, "inspector-visits", PHONE)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, f'a[href="/visits/{visit_id}"]'))
        expect(driver, "入企扫码")
        shot(driver, "inspector-visit-before-entry", PHONE)
        submit(driver, 'form[action$="/checkin"]')
        expect(driver, "已入企")
        expect(driver, "37.88312,114.65274")
        expect(driver, "填写检查结果")
        step(f"check-in: {flash(driver)}")
        shot(driver, "inspector-checked-in", PHONE)

        print("browser-check: an inspector enters results on a phone", flush=True)
        go(driver, "/my/forms")
        expect(driver, team["enterpriseName"])
        shot(driver, "inspector-my-forms", PHONE)
        enterprise = PLAN_PATH + "/enterprises/" + team["uscc"]
        enter_results(driver, enterprise, problem_item=problem)
        shot(driver, "inspector-results-form", PHONE)
        submit(driver, "form.results")
        step(f"results: {flash(driver)}")
        shot(driver, "inspector-results-saved", PHONE)
        go(driver, "/visits/" + visit_id)
        submit(driver, 'form[action$="/checkout"]')
        expect(driver, "已离企")
        step(f"check-out: {flash(driver)}")
        shot(driver, "inspector-checked-out", PHONE)
        result = driver.find_element(By.CSS_SELECTOR, 'form[action$="/result"]')
        outcome = "发现问题" if problem else "未发现问题"
        result.find_element(By.CSS_SELECTOR, f'input[name="outcome"][value="{outcome}"]').find_element(By.XPATH, "..").click()
        result.find_element(By.NAME, "findings").send_keys("危险废物贮存场所标识不全，详见一企一表" if problem else "详见一企一表")
        shot(driver, "inspector-result-form", PHONE)
        submit(driver, 'form[action$="/result"]')
        expect(driver, "已上传检查结果")
        step(f"result: {flash(driver)}")

        print("browser-check: the notice's QR, printed by LibreOffice, read by zbarimg", flush=True)
        scratch = tempfile.mkdtemp(prefix="liancha-notice-")
        notice = os.path.join(scratch, "notice.docx")
        download(driver, f"/visits/{visit_id}/notice.docx", notice)
        address = decode_notice_qr(notice)
        _, expected_code = visit_facts(visit_id)
        if address != expected_code or not address.startswith(BASE + "/v/"):
            raise SystemExit(f"browser-check: the notice's QR reads {address}, the visit's code page is {expected_code}")
        step(f"zbarimg: {address}")
        driver.set_window_size(*DESKTOP)

        print("browser-check: the enterprise opens the code page on a phone and evaluates the visit", flush=True)
        driver.delete_all_cookies()
        driver.set_window_size(*PHONE)
        driver.get(address)
        expect(driver, "依法报备并经负责人批准")
        expect(driver, certificate)
        shot(driver, "enterprise-code-page", PHONE)
        form = driver.find_element(By.CSS_SELECTOR, "#evaluate form")
        form.find_element(By.CSS_SELECTOR, 'input[name="rating"][value="满意"]').find_element(By.XPATH, "..").click()
        for name in ["certificatesShown", "noticeGiven", "rightsTold", "integrityKept"]:
            form.find_element(By.CSS_SELECTOR, f'input[name="{name}"]').click()
        form.find_element(By.NAME, "comment").send_keys("检查人员亮证亮码，告知了权利，一次查完各部门的事项。")
        shot(driver, "enterprise-evaluation-form", PHONE)
        click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button"))
        expect(driver, "感谢您的评价")
        expect(driver, "本次检查已评价")
        if driver.find_elements(By.CSS_SELECTOR, "#evaluate form"):
            raise SystemExit("browser-check: the evaluation form is still offered after evaluating")
        shot(driver, "enterprise-evaluated", PHONE)
        driver.set_window_size(*DESKTOP)

        print("browser-check: who reads the evaluation", flush=True)
        login(driver, "coordinator")
        go(driver, "/evaluations")
        expect(driver, "不含本部门" if "YJ" in departments else visit_id)
        shot(driver, "evaluations-coordinator")
        login(driver, "auditor")
        go(driver, "/evaluations")
        expect(driver, visit_id)
        shot(driver, "evaluations-auditor")
        login(driver, "ecology")
        go(driver, "/evaluations")
        expect(driver, "只能看到本部门参与的检查的评价统计数")
        shot(driver, "evaluations-inspected-department")

        print("browser-check: a complaint-based visit of the same enterprise the same day (web form): 频次预警", flush=True)
        with sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True) as db:
            officers = [r[0] for r in db.execute("SELECT certificate FROM inspector WHERE department = 'HB' AND on_duty AND kind = '执法人员' "
                                                  "ORDER BY certificate LIMIT 2")]
        go(driver, f"/visits/new?source=cause&uscc={team['uscc']}")
        form = driver.find_element(By.CSS_SELECTOR, 'form[action="/visits"]')
        Select(form.find_element(By.NAME, "cause")).select_by_value("投诉举报")
        form.find_element(By.NAME, "causeNote").send_keys("12345热线工单 2026112400017")
        form.find_element(By.NAME, "inspectors").send_keys(",".join(officers))
        form.find_element(By.NAME, "items").send_keys("HB:HB-005")
        submit(driver, 'form[action="/visits"]')
        expect(driver, "频次预警")
        step(f"filed: {flash(driver)}")
        go(driver, "/visits")
        expect(driver, "频次预警（本年）")
        shot(driver, "visits-frequency-warning")
        driver.set_window_size(*DESKTOP)

        print("browser-check: clerks and the coordinator enter the other results", flush=True)
        for who in ["water", "ecology", "coordinator"]:
            login(driver, who)
            count = 0
            for path in my_enterprises(driver):
                if enter_results(driver, path):
                    submit(driver, "form.results")
                    count += 1
            step(f"{who}: results of {count} enterprises")
        login(driver, "ecology")
        go(driver, enterprise)
        if driver.find_elements(By.CSS_SELECTOR, "form#followup"):
            driver.find_element(By.CSS_SELECTOR, 'form#followup input[name="note"]').send_keys("责令限期15日内整改")
            submit(driver, "form#followup")
            step(f"follow-up: {flash(driver)}")
        shot(driver, "results-and-follow-up")

        print("browser-check: coordinator publishes; statistics", flush=True)
        login(driver, "coordinator")
        plan_action(driver, "publish")
        expect(driver, "已公示")
        shot(driver, "plan-published")
        go(driver, PLAN_PATH + "/statistics")
        expect(driver, "合计")
        shot(driver, "statistics")

        print("browser-check: the public pages, without signing in", flush=True)
        driver.delete_all_cookies()
        go(driver, "/public/results?plan=" + urllib.parse.quote(PLAN))
        expect(driver, "发现问题已责令整改" if problem else "未发现问题")
        shot(driver, "public-results")
        go(driver, "/public/results")
        shot(driver, "public-results-phone", PHONE)
        go(driver, "/public/plans?year=2026")
        expect(driver, PLAN)
        shot(driver, "public-plans")
        go(driver, "/public/draws")
        first = driver.find_element(By.CSS_SELECTOR, "table a").get_attribute("href")
        driver.get(first)
        expect(driver, "核验通过")
        shot(driver, "public-draw-verified")
    finally:
        driver.quit()
    print(f"browser-check: {len(shots)} screenshots in {OUT}")


if __name__ == "__main__":
    main()
