#!/usr/bin/env python3
"""Drives headless Chromium through the liancha web application (scripts/browser-check.sh starts
the server and calls this): login -> plan -> item submission by the clerks -> draw, dispatch,
confirmation, teams -> results by an inspector on a phone-sized screen and by the clerks ->
publication -> the public pages. Saves a screenshot of each step into OUT.

usage: browser_check.py BASE_URL OUT_DIR PLAN_NUMBER LIANCHA_BINARY DATABASE
"""
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

BASE, OUT, PLAN, LIANCHA, DATABASE = sys.argv[1:6]
PLAN_PATH = "/plans/" + urllib.parse.quote(PLAN, safe="")
ACCOUNTS = {
    "coordinator": ("liming", "yj-pass-123"),
    "water": ("zhaoqiang", "sl-pass-123"),
    "ecology": ("sunli", "hb-pass-123"),
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


def click_and_wait(driver, element):
    """Clicks a submit button and waits until the next page has replaced this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(page))
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

        print("browser-check: an inspector enters results on a phone", flush=True)
        login(driver, "inspector")
        driver.set_window_size(*PHONE)
        go(driver, "/my/forms")
        expect(driver, team["enterpriseName"])
        shot(driver, "inspector-my-forms", PHONE)
        enterprise = PLAN_PATH + "/enterprises/" + team["uscc"]
        problem = "HB-005" if team["department"] == "HB" else None
        enter_results(driver, enterprise, problem_item=problem)
        shot(driver, "inspector-results-form", PHONE)
        submit(driver, "form.results")
        step(f"results: {flash(driver)}")
        shot(driver, "inspector-results-saved", PHONE)
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
