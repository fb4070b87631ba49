# The README's two commands: `make demo` (install, build seeds/ into out/) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo notebook test install install-test install-notebook lint bench-score clean lock field-lexicons train-cues

demo: install
	$(BIN)/kg build seeds/ --out out

# install what notebooks/explore.ipynb needs (ipykernel, nbclient) and run it headless: the build and the executed
# notebook go to notebook-out/ (replaced at each run; git ignores it)
notebook: install-notebook
	$(BIN)/python scripts/run_notebook.py notebooks/explore.ipynb --out notebook-out

test: install-test
	$(BIN)/python -m pytest

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-notebook: $(VENV)/.installed-notebook

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# dependencies are pinned to exact versions by requirements.lock (a pip constraints file)
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $@

$(VENV)/.installed-notebook: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[notebook]"
	touch $@

lint: install-test
	$(BIN)/ruff check kg tests bench scripts

bench-score: install
	PATH="$(CURDIR)/$(BIN):$$PATH" $(PYTHON) ../shared/tools/score_extraction.py --gold ../shared/gold/seeds.json seeds/

# regenerate requirements.lock from a clean environment
lock:
	rm -rf /tmp/kg-lock && $(PYTHON) -m venv /tmp/kg-lock
	/tmp/kg-lock/bin/python -m pip install --quiet -e ".[test]"
	/tmp/kg-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf out notebook-out $(VENV) .pytest_cache

# remake kg/lexicons/cameo_actors.tsv, cameo_plover.tsv and cameo_verbs.tsv from the field's dictionaries (PETRARCH2 / Phoenix, PLOVER) in ../shared/field
field-lexicons: install
	$(BIN)/python scripts/field_dictionaries.py --field ../shared/field/petrarch2
	$(BIN)/python scripts/cameo_plover.py --table ../shared/field/plover/CAMEO2PLOVER-2021.txt
	$(BIN)/python scripts/cameo_verbs.py --dictionary ../shared/field/petrarch2/CAMEO.2.0.txt

# retrain the learned reporting cue (kg/models/cue_model.json) on the PolNeAR training split in ../shared/eval/polnear
train-cues: install
	$(BIN)/python scripts/train_cue_model.py --cache /tmp/kg-train-cues
