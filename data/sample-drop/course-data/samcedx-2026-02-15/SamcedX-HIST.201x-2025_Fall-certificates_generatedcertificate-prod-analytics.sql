id	user_id	download_url	grade	course_id	key	distinction	status	verify_uuid	download_uuid	name	created_date	modified_date	error_reason	mode
5601	1033		0.78	SamcedX/HIST.201x/2025_Fall	c674ff9d6d308450fb3c67951cfdab08	0	downloadable	c674ff9d6d308450fb3c67951cfdab08	80badfc15976c3bf054803d6d9ff476c	Åsa Ekström	2026-02-11 10:01:01	2026-02-11 10:01:01		verified
5602	1045		1.0	SamcedX/HIST.201x/2025_Fall	3fcdf6548a881e4939e99aaf0d04070f	0	downloadable	3fcdf6548a881e4939e99aaf0d04070f	f07040d0faa99e9394e188a8456fdcf3	Hugo Müller	2026-02-11 10:02:02	2026-02-11 10:02:02		verified
5603	1041		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Hugo Kowalski	2026-02-11 10:03:03	2026-02-11 10:03:03		audit
5604	1043		1.0	SamcedX/HIST.201x/2025_Fall	862192e7e9d243d0c72fb1bd5250671a	0	downloadable	862192e7e9d243d0c72fb1bd5250671a	a1760525db1bf27c0d342d9e7e291268	Lucas Nguyen	2026-02-11 10:04:04	2026-02-11 10:04:04		honor
5605	1036		1.0	SamcedX/HIST.201x/2025_Fall	3d459e7628b452d6c2bb2d968afc89c6	0	downloadable	3d459e7628b452d6c2bb2d968afc89c6	6c98cfa869d2bb2c6d254b8267e954d3	Alva Mensah	2026-02-11 10:05:05	2026-02-11 10:05:05		verified
5606	1037		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Oskar Fischer	2026-02-11 10:06:06	2026-02-11 10:06:06		audit
5607	1038		1.0	SamcedX/HIST.201x/2025_Fall	7776d3d86a07020dff118f5763857279	0	downloadable	7776d3d86a07020dff118f5763857279	9727583675f811ffd02070a68d3d6777	Mei Tanaka	2026-02-11 10:07:07	2026-02-11 10:07:07		verified
5608	1032		1.0	SamcedX/HIST.201x/2025_Fall	3d21a0e0a51db4662c22db50a4027048	0	downloadable	3d21a0e0a51db4662c22db50a4027048	8407204a05bd22c2664bd15a0e0a12d3	Émile Dubois	2026-02-11 10:08:08	2026-02-11 10:08:08		verified
5609	1039		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Priya Ekström	2026-02-11 10:09:09	2026-02-11 10:09:09		audit
5610	1044		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Alva Okafor	2026-02-11 10:10:10	2026-02-11 10:10:10		audit
5611	1035		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Freya Moreau	2026-02-11 10:11:11	2026-02-11 10:11:11		audit
5612	1042		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Diego Tanaka	2026-02-11 10:12:12	2026-02-11 10:12:12		audit
5613	1031		1.0	SamcedX/HIST.201x/2025_Fall	3e8d4a97142a054f50c47fffba49ce29	0	downloadable	3e8d4a97142a054f50c47fffba49ce29	92ec94abfff74c05f450a24179a4d8e3	Ravi Dubois	2026-02-11 10:13:13	2026-02-11 10:13:13		verified
5614	1040		1.0	SamcedX/HIST.201x/2025_Fall	96fdba3f31fb200e3558ecb684b71379	0	downloadable	96fdba3f31fb200e3558ecb684b71379	97317b486bce8553e002bf13f3abdf69	Ayşe Nguyen	2026-02-11 10:14:14	2026-02-11 10:14:14		verified
5615	1034		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Diego Larsen	2026-02-11 10:15:15	2026-02-11 10:15:15		audit
5616	1048		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Lucas Mensah	2026-02-11 10:16:16	2026-02-11 10:16:16		audit
5617	1047		1.0	SamcedX/HIST.201x/2025_Fall	2a73ba5c447ebda670b1f139eca5e99a	0	downloadable	2a73ba5c447ebda670b1f139eca5e99a	a99e5ace931f1b076adbe744c5ab37a2	Omar Ivanova	2026-02-11 10:17:17	2026-02-11 10:17:17		honor
5618	1046		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Liam Haddad	2026-02-11 10:18:18	2026-02-11 10:18:18		audit
5619	1050		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Ingrid Patel	2026-02-11 10:19:19	2026-02-11 10:19:19		audit
5620	1056		1.0	SamcedX/HIST.201x/2025_Fall	a174f7c97eaca0673ee404ed60c87279	0	downloadable	a174f7c97eaca0673ee404ed60c87279	97278c06de404ee3760acae79c7f471a	Elsa Okafor	2026-02-11 10:20:20	2026-02-11 10:20:20		verified
5621	1053		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Mei Okafor	2026-02-11 10:21:21	2026-02-11 10:21:21		audit
5622	1058		1.0	SamcedX/HIST.201x/2025_Fall	0bfca7a42f1db1d09d2e1e7c04444311	0	downloadable	0bfca7a42f1db1d09d2e1e7c04444311	11344440c7e1e2d90d1bd1f24a7acfb0	Felix Larsen	2026-02-11 10:22:22	2026-02-11 10:22:22		honor
5623	1055		1.0	SamcedX/HIST.201x/2025_Fall	807992a1a0028f4ea8508f622321a7b5	0	downloadable	807992a1a0028f4ea8508f622321a7b5	5b7a123226f8058ae4f8200a1a299708	Erik Costa	2026-02-11 10:23:23	2026-02-11 10:23:23		verified
5624	1059		1.0	SamcedX/HIST.201x/2025_Fall	c03ec07403f6e7f3c1a42a9c7eed70bc	0	downloadable	c03ec07403f6e7f3c1a42a9c7eed70bc	cb07dee7c9a24a1c3f7e6f30470ce30c	Hana Håkansson	2026-02-11 10:24:24	2026-02-11 10:24:24		honor
5625	1054		1.0	SamcedX/HIST.201x/2025_Fall		0	audit_passing			Aiko Rossi	2026-02-11 10:25:25	2026-02-11 10:25:25		audit
5626	1060		1.0	SamcedX/HIST.201x/2025_Fall	1e2738c6f6366f9150882b959b76f3cb	0	downloadable	1e2738c6f6366f9150882b959b76f3cb	bc3f67b959b2880519f6636f6c8372e1	Émile Dubois	2026-02-11 10:26:26	2026-02-11 10:26:26		honor
5627	1057		0.78	SamcedX/HIST.201x/2025_Fall	fae0357836df75f464cd8f6afbbd0c7d	0	downloadable	fae0357836df75f464cd8f6afbbd0c7d	d7c0dbbfa6f8dc464f57fd6387530eaf	Elsa Dubois	2026-02-11 10:27:27	2026-02-11 10:27:27		honor
5628	1052		0.56	SamcedX/HIST.201x/2025_Fall		0	notpassing			Ines Ekström	2026-02-11 10:28:28	2026-02-11 10:28:28		verified
5629	1051		0.89	SamcedX/HIST.201x/2025_Fall	5f41e4da00d8d775405895356b0f8ad2	0	downloadable	5f41e4da00d8d775405895356b0f8ad2	2da8f0b653598504577d8d00ad4e14f5	Hugo Silva	2026-02-11 10:29:29	2026-02-11 10:29:29		honor
